/**
 * Builds the grammY bot: one middleware per concern, in this order —
 * per-update log → allowlist → group gate → rate limit → typing indicator → inline queries →
 * session → conversations (/cancel, guided forms) → commands → buttons → text.
 * Everything runs inside an error boundary: one failing update never stops the bot.
 */
import { Bot, session, type ApiClientOptions, type Transformer } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import { limit } from '@grammyjs/ratelimiter';
import { autoChatAction } from '@grammyjs/auto-chat-action';
import { conversations, createConversation } from '@grammyjs/conversations';
import { sequentialize } from '@grammyjs/runner';
import type { Logger } from 'pino';
import { ChatRouter, uiLang, type TurnContext } from '../chat/router';
import { t } from '../chat/i18n';
import type { ChatServices } from '../chat/ports';
import { newChatSession, type RouteResult } from '../chat/types';
import { langOf, sessionKey, type BotContext } from './context';
import { FORM_IDS, FORMS_VERSION, MODE_FORM, SPLIT_FORM, modeConversation, splitConversation } from './forms';
import type { InFlight } from './inflight';
import { userHasher } from './logger';
import { OncePerWindow, allowlist, errorHandler, groupGate, updateLog } from './middleware';
import { documentsPlugin } from './documents';
import type { DocumentLibrary } from '../documents/library';
import { sendWithMedia } from './media';
import { editReply } from './send';
import { AnswerStream, ChatPacer, DEFAULT_STREAM_INTERVAL_MS } from './stream';
import { RATE_WINDOW_MS, type Stores } from './storage';

export interface BotOptions {
  token: string;
  services: ChatServices;
  stores: Stores;
  log: Logger;
  apiRoot?: string;
  allowedUserIds?: Set<number>;
  rateLimitPerMinute?: number;
  /** Throttler settings; `false` turns it off (tests against the emulator). */
  throttle?: APIThrottlerOptions | false;
  /** auto-retry settings (429 retry_after, network errors). */
  retry?: Parameters<typeof autoRetry>[0];
  /** Known bot identity, to skip getMe (tests). */
  botInfo?: ConstructorParameters<typeof Bot>[1] extends infer O ? (O extends { botInfo?: infer B } ? B : never) : never;
  /** Per-chat ordering for concurrent runners (the runner); harmless with webhooks. */
  sequential?: boolean;
  /** Overrides FORMS_VERSION (tests): form states saved under another version are dropped. */
  formsVersion?: number;
  /** Webhook mode: Telegram waits 50 s for the answer, so retries must be short. */
  webhook?: boolean;
  /** Counts updates in flight, so a shutdown can wait for them. */
  inFlight?: InFlight;
  /** Secret for the user pseudonyms in logs (the bot token). */
  hashSecret?: string;
  /** Least time between two streaming sends/edits in one chat (streamed LLM answers). */
  streamIntervalMs?: number;
  /** Documents administrators add by sending files, and /docs (src/bot/documents.ts); absent: neither. */
  documents?: DocumentLibrary;
}

/**
 * auto-retry's budget. A webhook update must be done within Telegram's 50 s (else Telegram sends
 * it again), so retries there stay short; polling can wait out a long 429.
 */
export function retrySettings(webhook: boolean): { maxRetryAttempts: number; maxDelaySeconds: number } {
  return webhook ? { maxRetryAttempts: 2, maxDelaySeconds: 10 } : { maxRetryAttempts: 5, maxDelaySeconds: 120 };
}

const COMMANDS_VIA_ROUTER = ['start', 'help', 'about', 'sources', 'lang', 'ask', 'split', 'mode', 'estimate'];

export function createBot(opts: BotOptions): Bot<BotContext> {
  const client: ApiClientOptions = opts.apiRoot ? { apiRoot: opts.apiRoot } : {};
  const bot = new Bot<BotContext>(opts.token, { client, ...(opts.botInfo ? { botInfo: opts.botInfo } : {}) });

  // Outgoing API calls: throttled to Telegram's flood limits (chat actions excepted: they must
  // not delay the answer), and retried on 429 retry_after and network errors.
  if (opts.throttle !== false) {
    const throttle = apiThrottler(opts.throttle ?? { out: { maxConcurrent: 1, minTime: 300 } });
    const throttled: Transformer = (prev, method, payload, signal) => (method === 'sendChatAction' ? prev(method, payload, signal) : throttle(prev, method, payload, signal));
    bot.api.config.use(throttled);
  }
  bot.api.config.use(autoRetry({ ...retrySettings(!!opts.webhook), ...opts.retry }));

  // First of all: a shutdown waits for every update that got this far (session writes included).
  if (opts.inFlight) bot.use(opts.inFlight.middleware);

  const router = new ChatRouter(opts.services);
  const log = opts.log;
  const hashUserId = userHasher(opts.hashSecret ?? opts.token);
  const onError = errorHandler(log, hashUserId);
  bot.catch((err) => onError(err));
  const safe = bot.errorBoundary(onError);

  if (opts.sequential) safe.use(sequentialize<BotContext>((ctx) => [ctx.chat?.id.toString(), ctx.from?.id.toString()].filter((x): x is string => !!x)));
  safe.use(updateLog(log, hashUserId));
  // A stranger is told once per window; what they send after that is dropped without a reply.
  safe.use(allowlist(opts.allowedUserIds, new OncePerWindow(RATE_WINDOW_MS)));
  safe.use(groupGate());
  safe.use(
    limit<BotContext, any>({
      // The plugin calls onLimitExceeded once per window (the first excess update); later ones are dropped.
      timeFrame: RATE_WINDOW_MS,
      limit: opts.rateLimitPerMinute ?? 20,
      storageClient: opts.stores.rateLimit ?? 'MEMORY_STORE',
      keyPrefix: 'enclave:rl:',
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      onLimitExceeded: async (ctx) => {
        ctx.turn.outcome = 'rate_limited';
        const text = t(langOf(ctx, false)).rateLimited;
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
        else if (ctx.chat) await ctx.reply(text);
      },
    }),
  );
  safe.use(autoChatAction());

  // Inline mode is not offered; an allowed user's inline query gets an empty, uncached answer.
  safe.on('inline_query', async (ctx) => {
    ctx.turn.intent = 'inline';
    await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true });
  });

  safe.use(session({ initial: newChatSession, storage: opts.stores.sessions, getSessionKey: sessionKey }));
  safe.use(
    conversations<BotContext, any>({
      storage: { type: 'key', version: opts.formsVersion ?? FORMS_VERSION, adapter: opts.stores.conversations, getStorageKey: sessionKey },
    }),
  );

  const lang = (ctx: BotContext) => uiLang(ctx.session, langOf(ctx, false));

  safe.command('cancel', async (ctx) => {
    ctx.turn.intent = 'command';
    const active = Object.keys(ctx.conversation.active()).length > 0;
    if (active) await ctx.conversation.exitAll();
    ctx.session.pending = undefined;
    ctx.session.expectFollowUp = false;
    await ctx.reply(active ? t(lang(ctx)).cancelled : t(lang(ctx)).nothingToCancel);
  });
  // Any other command leaves a form in progress and then runs as usual.
  safe.on('message:entities:bot_command', async (ctx, next) => {
    if (Object.keys(ctx.conversation.active()).length) await ctx.conversation.exitAll();
    await next();
  });
  const formConfig = { maxMillisecondsToWait: 60 * 60 * 1000 };
  safe.use(createConversation<BotContext, any>(splitConversation(opts.services, log), { id: SPLIT_FORM, ...formConfig }));
  safe.use(createConversation<BotContext, any>(modeConversation(opts.services), { id: MODE_FORM, ...formConfig }));

  // Streamed answers: one pacer per bot, so all streams in a chat share Telegram's per-chat budget.
  const pacer = new ChatPacer(opts.streamIntervalMs ?? DEFAULT_STREAM_INTERVAL_MS);

  /** Routes one turn; a streaming advisor's partials grow a message that the final reply replaces. */
  async function route(ctx: BotContext, handle: (turn: TurnContext) => Promise<RouteResult>): Promise<void> {
    const stream = new AnswerStream(ctx, pacer, log);
    let result: RouteResult;
    try {
      result = await handle({ session: ctx.session, lang: lang(ctx), onPartial: stream.onPartial, media: true });
    } catch (e) {
      await stream.abandon();
      throw e;
    }
    await deliver(ctx, result, stream);
  }

  async function deliver(ctx: BotContext, result: RouteResult, stream?: AnswerStream): Promise<void> {
    ctx.turn.intent = result.intent;
    ctx.turn.outcome = result.outcome;
    if (result.startForm) {
      if (Object.keys(ctx.conversation.active()).length) await ctx.conversation.exitAll();
      await ctx.conversation.enter(result.startForm === 'mode' ? MODE_FORM : SPLIT_FORM, lang(ctx));
      ctx.turn.intent = 'form';
    }
    if (stream?.started && !result.replies.length) await stream.abandon();
    for (const [i, reply] of result.replies.entries()) {
      if (stream?.started && i === 0) await stream.finish(reply);
      else if (result.edit && i === 0) await editReply(ctx, reply);
      else await sendWithMedia(ctx, reply, log);
    }
  }

  if (opts.documents) safe.use(documentsPlugin({ library: opts.documents, token: opts.token, apiRoot: opts.apiRoot, log }));

  safe.command(COMMANDS_VIA_ROUTER, async (ctx) => {
    ctx.chatAction = 'typing';
    const name = (ctx.msg.text ?? '').slice(1).split(/[\s@]/, 1)[0].toLowerCase();
    await route(ctx, (turn) => router.handleCommand(name, (ctx.match ?? '').trim(), turn));
  });

  safe.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    ctx.chatAction = 'typing';
    await route(ctx, (turn) => router.handleAction(ctx.callbackQuery.data, turn));
  });

  safe.on('message:text', async (ctx) => {
    ctx.chatAction = 'typing';
    await route(ctx, (turn) => router.handleText(ctx.turn.text ?? ctx.msg.text, turn));
  });

  safe.on('message', async (ctx) => {
    ctx.turn.intent = 'other';
    ctx.turn.outcome = 'user_error';
    await ctx.reply(t(lang(ctx)).notText);
  });

  return bot;
}

export { FORM_IDS };
