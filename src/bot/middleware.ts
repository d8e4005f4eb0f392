/**
 * Cross-cutting middleware, one concern each: the per-update log line, the allowlist, the group
 * gate and the error handler.
 */
import type { BotError, Context, MiddlewareFn, NextFunction } from 'grammy';
import type { Logger } from 'pino';
import { isUserError } from '../errors';
import { t } from '../chat/i18n';
import { langOf, type BotContext } from './context';
import { hashUserId } from './logger';
import { StorageUnavailableError } from './storage';

function updateType(ctx: Context): string {
  return Object.keys(ctx.update).find((k) => k !== 'update_id') ?? 'unknown';
}

/** One structured line per update: hashed user, update type, intent, outcome, latency. */
export function updateLog(log: Logger): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    ctx.turn = { outcome: 'ok' };
    try {
      await next();
    } catch (e) {
      ctx.turn.outcome = 'error';
      throw e;
    } finally {
      log.info(
        {
          update_id: ctx.update.update_id,
          type: updateType(ctx),
          user: hashUserId(ctx.from?.id),
          chat_type: ctx.chat?.type,
          intent: ctx.turn.intent,
          outcome: ctx.turn.outcome,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'update',
      );
    }
  };
}

/**
 * ALLOWED_USER_IDS: every update type is checked (messages, commands, callback and inline
 * queries, edits…); an update without a sender is dropped too.
 */
export function allowlist(ids: Set<number> | undefined): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ids) return next();
    const id = ctx.from?.id;
    if (id !== undefined && ids.has(id)) return next();
    ctx.turn.outcome = 'refused';
    const m = t(langOf(ctx, false));
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: m.refused + (id ?? ''), show_alert: true });
    } else if (ctx.inlineQuery) {
      await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true });
    } else if (ctx.message && ctx.chat?.type === 'private') {
      await ctx.reply(m.refused + (id ?? ''));
    }
    // Anything else (group chatter, edits, channel posts) is ignored without a reply.
  };
}

/**
 * In groups the bot answers only commands and messages that mention it (or reply to it). Sets
 * `ctx.turn.text` to the text with the mention removed.
 */
export function groupGate(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const msg = ctx.message;
    if (!msg) return next();
    const text = msg.text ?? msg.caption ?? '';
    ctx.turn.text = text;
    if (ctx.chat?.type === 'private') return next();
    if (ctx.chat?.type === 'channel') {
      ctx.turn.outcome = 'ignored';
      return;
    }
    const entities = msg.entities ?? msg.caption_entities ?? [];
    const username = ctx.me.username?.toLowerCase();
    const command = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
    // `/help@OtherBot` is for another bot in the group.
    const target = command ? text.slice(0, command.length).split('@')[1]?.toLowerCase() : undefined;
    const isCommand = !!command && (!target || target === username);
    const mention = entities.find((e) => e.type === 'mention' && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === username);
    const replyToBot = msg.reply_to_message?.from?.id === ctx.me.id;
    if (isCommand) return next();
    if (mention || replyToBot) {
      ctx.turn.text = mention ? (text.slice(0, mention.offset) + text.slice(mention.offset + mention.length)).trim() : text;
      return next();
    }
    ctx.turn.outcome = 'ignored';
  };
}

/** The error handler: the user gets a short apology, the log gets the error (the logger strips secrets). */
export function errorHandler(log: Logger) {
  return async (err: BotError<BotContext>, next?: NextFunction) => {
    void next;
    const ctx = err.ctx;
    const e = err.error;
    if (ctx.turn) ctx.turn.outcome = 'error';
    const message = e instanceof Error ? e.message : String(e);
    log.error(
      {
        update_id: ctx.update.update_id,
        user: hashUserId(ctx.from?.id),
        err: { type: e instanceof Error ? e.name : typeof e, message, stack: e instanceof Error ? e.stack : undefined },
      },
      'update failed',
    );
    const m = t(langOf(ctx));
    const text = isUserError(e) ? e.message : e instanceof StorageUnavailableError ? m.storageDown : m.apology;
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text.slice(0, 190) });
      if (ctx.chat && (ctx.message || ctx.callbackQuery)) await ctx.reply(text);
    } catch (sendError) {
      log.warn({ err: { message: sendError instanceof Error ? sendError.message : String(sendError) } }, 'could not send the apology');
    }
  };
}
