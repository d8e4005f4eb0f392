/**
 * Cross-cutting middleware, one concern each: the per-update log line, the allowlist, the group
 * gate and the error handler.
 */
import type { BotError, Context, MiddlewareFn, NextFunction } from 'grammy';
import type { MessageEntity } from 'grammy/types';
import type { Logger } from 'pino';
import { isUserError } from '../errors';
import { t } from '../chat/i18n';
import { langOf, type BotContext } from './context';
import type { UserHasher } from './logger';
import { StorageUnavailableError } from './storage';

function updateType(ctx: Context): string {
  return Object.keys(ctx.update).find((k) => k !== 'update_id') ?? 'unknown';
}

/** One structured line per update: hashed user, update type, intent, outcome, latency. */
export function updateLog(log: Logger, hashUserId: UserHasher): MiddlewareFn<BotContext> {
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
export function allowlist(ids: Set<number> | undefined, replyOnce?: OncePerWindow): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ids) return next();
    const id = ctx.from?.id;
    if (id !== undefined && ids.has(id)) return next();
    ctx.turn.outcome = 'refused';
    const m = t(langOf(ctx, false));
    // Queries are answered every time (a button left unanswered spins on the user's screen;
    // these answers are not chat messages); messages get one refusal per window, so a stranger
    // who keeps writing cannot spend the bot's sending budget.
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: m.refused + (id ?? ''), show_alert: true });
    } else if (ctx.inlineQuery) {
      await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true });
    } else if (ctx.message && ctx.chat?.type === 'private' && (!replyOnce || replyOnce.first(String(id)))) {
      await ctx.reply(m.refused + (id ?? ''));
    }
    // Anything else (group chatter, channel posts, repeated messages) is ignored without a reply.
  };
}

/** True the first time a key is seen in each window; a small map, pruned as it goes. */
export class OncePerWindow {
  private readonly seen = new Map<string, number>();
  constructor(
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  first(key: string): boolean {
    const t0 = this.now();
    const at = this.seen.get(key);
    if (at !== undefined && t0 - at < this.windowMs) return false;
    this.seen.set(key, t0);
    if (this.seen.size > 10_000) for (const [k, v] of this.seen) if (t0 - v >= this.windowMs) this.seen.delete(k);
    return true;
  }
}

/**
 * The text without the bot's @mention, wherever it stands (`@bot 衢州, 杭州` and `衢州, 杭州 @bot`).
 * Entities locate the mention; without them (form answers replayed from storage) a plain
 * `@username` word is removed.
 */
export function stripMention(text: string, entities: readonly MessageEntity[] | undefined, username: string | undefined): string {
  const name = username?.toLowerCase();
  if (!name) return text.trim();
  const mentions = (entities ?? []).filter((e) => e.type === 'mention' && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === name);
  let out = text;
  if (mentions.length) {
    for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + out.slice(e.offset + e.length);
  } else {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(^|\\s)@${escaped}(?=\\s|$)`, 'gi'), '$1');
  }
  return out.replace(/[ \t]{2,}/g, ' ').trim();
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
      ctx.turn.text = mention ? stripMention(text, entities, username) : text;
      return next();
    }
    ctx.turn.outcome = 'ignored';
  };
}

/** The error handler: the user gets a short apology, the log gets the error (the logger strips secrets). */
export function errorHandler(log: Logger, hashUserId: UserHasher) {
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
    const warn = (sendError: unknown) => log.warn({ err: { message: sendError instanceof Error ? sendError.message : String(sendError) } }, 'could not send the apology');
    // Separately: the handler has usually answered the button already, and Telegram refuses a
    // second answer — which must not keep the apology from being sent.
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text.slice(0, 190) }).catch(() => undefined);
    if (ctx.chat && (ctx.message || ctx.callbackQuery)) await ctx.reply(text).catch(warn);
  };
}
