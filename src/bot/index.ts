/**
 * Starts the whole bot from the configuration: storage, logger, bot, then polling or webhook.
 * `main.ts` and the end-to-end tests both go through here.
 */
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { ChatServices } from '../chat/ports';
import { createBot, type BotOptions } from './bot';
import { createLogger, secretsOf } from './logger';
import { prepareBot, startPolling, startWebhook, type Running } from './run';
import { createStores } from './storage';

export interface StartedBot {
  bot: ReturnType<typeof createBot>;
  running: Running;
  log: Logger;
  /** Graceful: in-flight updates finish, then storage closes. Safe to call twice. */
  stop(): Promise<void>;
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
}

export async function startBot(config: Config, services: ChatServices, opts: StartOptions = {}): Promise<StartedBot> {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const log = opts.log ?? createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const stores = await createStores({ dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, log, redisConnectWaitMs: opts.redisConnectWaitMs, redisCommandTimeoutMs: opts.redisCommandTimeoutMs });
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
  });
  let running: Running;
  try {
    await prepareBot(bot, log);
    running = config.WEBHOOK_URL
      ? await startWebhook(bot, { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, port: config.PORT, host: opts.host }, log)
      : await startPolling(bot, log);
  } catch (e) {
    await stores.close();
    throw e;
  }
  let stopped: Promise<void> | undefined;
  return {
    bot,
    running,
    log,
    stop: () =>
      (stopped ??= (async () => {
        await running.stop();
        await stores.close();
        log.info('bot stopped');
      })()),
  };
}
