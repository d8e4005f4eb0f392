/**
 * Running the bot: long polling through @grammyjs/runner (concurrent, ordered per chat by
 * `sequentialize` in the bot), or a webhook server on node:http with the secret token checked.
 * Both stop gracefully: receiving stops, then the updates in flight (counted by InFlight) finish;
 * the caller closes storage after that.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { Logger } from 'pino';
import { COMMANDS } from '../chat/i18n';
import type { BotContext } from './context';
import type { InFlight } from './inflight';

/** Only what the bot handles: edits are not requested (an edited question is not re-answered). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

/** How long a shutdown waits for updates in flight before closing storage anyway. */
export const DEFAULT_DRAIN_MS = 30_000;

export interface RunOptions {
  inFlight: InFlight;
  /** Shutdown waits at most this long for updates in flight (default 30 s). */
  drainMs?: number;
  /** For the "bot started" line: "off" or "N ids". */
  allowlist: string;
  /** Polling died by itself (401 bad token, 409 another instance polling): called once. */
  onFatal?: (e: unknown) => void;
}

async function drain(opts: RunOptions, log: Logger): Promise<void> {
  if (!(await opts.inFlight.idle(opts.drainMs ?? DEFAULT_DRAIN_MS))) log.warn({ in_flight: opts.inFlight.count }, 'updates still running at the shutdown deadline');
}

export interface Running {
  /** Finishes in-flight updates and stops receiving new ones. */
  stop(): Promise<void>;
  /** Webhook mode: the port the server listens on. */
  port?: number;
}

/** Start-up work: who am I, and the command menu in both languages. Failures are logged, never fatal. */
export async function prepareBot(bot: Bot<BotContext>, log: Logger): Promise<void> {
  await bot.init();
  const list = (lang: 'zh' | 'en') => COMMANDS.map((c) => ({ command: c.command, description: c[lang] }));
  try {
    // The default menu is Chinese, like the bot's default language (langFromCode).
    await bot.api.setMyCommands(list('zh'));
    await bot.api.setMyCommands(list('en'), { language_code: 'en' });
    await bot.api.setMyCommands(list('zh'), { language_code: 'zh' });
  } catch (e) {
    log.warn({ err: { message: e instanceof Error ? e.message : String(e) } }, 'setMyCommands failed; the command menu may be missing');
  }
}

export async function startPolling(bot: Bot<BotContext>, log: Logger, opts: RunOptions): Promise<Running> {
  // Telegram refuses getUpdates while a webhook is set (e.g. after running in webhook mode).
  await bot.api.deleteWebhook();
  // The runner would print fetch errors raw to the console (token in the URL, stack): it stays
  // silent and they go through the scrubbing logger instead. It retries them itself.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (e) {
      if (method === 'getUpdates' && !signal?.aborted) log.warn({ err: { message: e instanceof Error ? e.message : String(e) } }, 'fetching updates failed');
      throw e;
    }
  });
  const handle: RunnerHandle = run(bot, { runner: { silent: true, fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  let stopping = false;
  // The runner rethrows what it cannot recover from (401 bad token, 409 another instance polling).
  handle.task()?.catch((e: unknown) => {
    if (stopping) return;
    log.fatal({ err: { message: e instanceof Error ? e.message : String(e) } }, 'receiving updates failed; stopping');
    opts.onFatal?.(e);
  });
  log.info({ mode: 'polling', bot: bot.botInfo.username, allowlist: opts.allowlist }, 'bot started');
  return {
    stop: async () => {
      stopping = true;
      if (handle.isRunning()) await handle.stop();
      await drain(opts, log);
    },
  };
}

export interface WebhookOptions {
  url: string;
  secret?: string;
  port: number;
  host?: string;
}

export async function startWebhook(bot: Bot<BotContext>, opts: WebhookOptions, log: Logger, runOpts: RunOptions): Promise<Running> {
  const path = new URL(opts.url).pathname || '/';
  // 'return' answers Telegram at 50 s while the update goes on; InFlight still counts the update.
  const handle = webhookCallback(bot, 'http', { secretToken: opts.secret, onTimeout: 'return', timeoutMilliseconds: 50_000 });
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST' || url !== path) {
      res.writeHead(404).end();
      return;
    }
    // Counted from the request's arrival, so a shutdown also waits for a body still being read.
    runOpts.inFlight.enter();
    Promise.resolve(handle(req, res))
      .catch((e: unknown) => {
        // A wrong secret token lands here too: grammY answers 401 itself.
        log.warn({ err: { message: e instanceof Error ? e.message : String(e) } }, 'webhook request failed');
        if (!res.headersSent) res.writeHead(500).end();
      })
      .finally(() => runOpts.inFlight.leave());
  });
  server.listen(opts.port, opts.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  await bot.api.setWebhook(opts.url, { secret_token: opts.secret, allowed_updates: [...ALLOWED_UPDATES] });
  log.info({ mode: 'webhook', port, path, bot: bot.botInfo.username, allowlist: runOpts.allowlist }, 'bot started');
  return {
    port,
    stop: async () => {
      server.close();
      server.closeIdleConnections();
      await drain(runOpts, log);
    },
  };
}
