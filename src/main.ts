#!/usr/bin/env tsx
/**
 * `npm start`: the Telegram bot when TELEGRAM_BOT_TOKEN is set (long polling, or a webhook with
 * WEBHOOK_URL), otherwise the terminal chat. Both use the same services and the same router.
 */
import 'dotenv/config';
import { ConfigError, loadConfig, type Config } from './config';
import { createServices } from './services';
import { fromServices } from './chat/adapter';
import { isUserError } from './errors';

/** Set once the bot ran: the process then exits as soon as it has stopped. */
let exitWhenDone = false;

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (!config.TELEGRAM_BOT_TOKEN) {
    const services = fromServices(await createServices(config));
    const { runTerminalChat } = await import('./terminal/chat');
    await runTerminalChat({ services, lang: /^en/i.test(process.env.LANG ?? '') && !/zh/i.test(process.env.LANG ?? '') ? 'en' : 'zh' });
    return 0;
  }

  // The logger first, so the services' own lines (index, LLM advisor) go through it and its
  // secret scrubbing too.
  const { startBot, createLogger, secretsOf } = await import('./bot');
  const log = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const raw = await createServices(config, { log: (m: string) => log.info({ component: 'services' }, m) });
  const services = fromServices(raw);
  // Files from ADMIN_USER_IDS and /docs; the documents folder is watched for other instances' changes.
  const { createLibrary } = await import('./documents/library');
  const documents = createLibrary({ services: raw, log: (m, level) => log[level ?? 'info']({ component: 'documents' }, m) });
  const started = await startBot(config, services, { log, documents });
  exitWhenDone = true;
  const code = await new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down');
      started.stop().then(
        () => resolve(0),
        (e) => {
          log.error({ err: { message: e instanceof Error ? e.message : String(e) } }, 'error while stopping');
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    // Receiving failed for good (bad token, another instance polling): the bot has stopped.
    void started.failed.then(() => resolve(1));
  });
  return code;
}

main().then(
  (code) => {
    // Exits deliberately once the bot has stopped (updates finished, storage closed): timers of
    // the plugins (throttler, chat actions) must not keep the process alive. The logger writes
    // synchronously, so nothing is lost.
    if (exitWhenDone) process.exit(code);
    process.exitCode = code;
  },
  (e) => {
    // One line, no stack (and no secrets: config values are never part of these messages).
    process.stderr.write(`Error: ${isUserError(e) ? e.message : e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exitCode = 1;
  },
);
