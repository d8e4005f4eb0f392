/**
 * Starts the whole bot from the configuration: storage, logger, bot, then polling or webhook.
 * `main.ts` and the end-to-end tests both go through here.
 */
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { ChatServices } from '../chat/ports';
import type { DocumentLibrary } from '../documents/library';
import { createBot, type BotOptions } from './bot';
import { createLogger, secretsOf } from './logger';
import { InFlight } from './inflight';
import { prepareBot, startPolling, startWebhook, type Running } from './run';
import { createStores } from './storage';

export { createLogger, secretsOf };

export interface StartedBot {
  bot: ReturnType<typeof createBot>;
  running: Running;
  log: Logger;
  /** Graceful: receiving stops, in-flight updates finish (sessions written), then storage closes. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Settles when receiving updates failed for good (polling: 401 bad token, 409 another instance
   * polling) and the bot has been stopped: resolves with the error. Never settles otherwise.
   */
  failed: Promise<unknown>;
}

export interface StartOptions {
  log?: Logger;
  throttle?: BotOptions['throttle'];
  retry?: BotOptions['retry'];
  streamIntervalMs?: BotOptions['streamIntervalMs'];
  /** Webhook server host (tests bind to 127.0.0.1). */
  host?: string;
  /** How long to wait for Redis at start before refusing to start (default 10 s). */
  redisConnectWaitMs?: number;
  /** A Redis command slower than this fails (default 3 s). */
  redisCommandTimeoutMs?: number;
  /** Shutdown waits at most this long for updates in flight (default 30 s). */
  drainMs?: number;
  /** Documents added through the bot (files from ADMIN_USER_IDS, /docs); its folder is watched while the bot runs. */
  documents?: DocumentLibrary;
}

export async function startBot(config: Config, services: ChatServices, opts: StartOptions = {}): Promise<StartedBot> {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const log = opts.log ?? createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const inFlight = new InFlight();
  const stores = await createStores({ hashSecret: config.TELEGRAM_BOT_TOKEN, dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, log, redisConnectWaitMs: opts.redisConnectWaitMs, redisCommandTimeoutMs: opts.redisCommandTimeoutMs });
  const bot = createBot({
    token: config.TELEGRAM_BOT_TOKEN,
    services,
    stores,
    log,
    apiRoot: config.TELEGRAM_API_ROOT,
    allowedUserIds: config.ALLOWED_USER_IDS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    throttle: opts.throttle,
    retry: opts.retry,
    streamIntervalMs: opts.streamIntervalMs,
    sequential: !config.WEBHOOK_URL,
    webhook: !!config.WEBHOOK_URL,
    inFlight,
    hashSecret: config.TELEGRAM_BOT_TOKEN,
    documents: opts.documents,
  });
  let stop: () => Promise<void> = async () => {};
  let fail: (e: unknown) => void = () => {};
  const failed = new Promise<unknown>((resolve) => (fail = resolve));
  const runOpts = {
    inFlight,
    drainMs: opts.drainMs,
    allowlist: config.ALLOWED_USER_IDS ? `${config.ALLOWED_USER_IDS.size} ids` : 'off',
    onFatal: (e: unknown) => void stop().then(() => fail(e), () => fail(e)),
  };
  let running: Running;
  try {
    await prepareBot(bot, log);
    running = config.WEBHOOK_URL
      ? await startWebhook(bot, { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, port: config.PORT, host: opts.host }, log, runOpts)
      : await startPolling(bot, log, runOpts);
    opts.documents?.start();
  } catch (e) {
    await stores.close();
    throw e;
  }
  let stopped: Promise<void> | undefined;
  stop = () =>
    (stopped ??= (async () => {
      try {
        await running.stop();
      } finally {
        opts.documents?.stop();
        await stores.close();
      }
      log.info('bot stopped');
    })());
  return { bot, running, log, stop, failed };
}
