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
  const services = fromServices(await createServices(config));

  if (!config.TELEGRAM_BOT_TOKEN) {
    const { runTerminalChat } = await import('./terminal/chat');
    await runTerminalChat({ services, lang: /^en/i.test(process.env.LANG ?? '') && !/zh/i.test(process.env.LANG ?? '') ? 'en' : 'zh' });
    return 0;
  }

  const { startBot } = await import('./bot');
  const started = await startBot(config, services);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      started.log.info({ signal }, 'shutting down');
      started.stop().then(resolve, (e) => {
        started.log.error({ err: { message: e instanceof Error ? e.message : String(e) } }, 'error while stopping');
        resolve();
      });
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  // Timers of the plugins (throttler, chat actions) must not keep a stopped bot alive.
  setTimeout(() => process.exit(0), 200).unref();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    // One line, no stack (and no secrets: config values are never part of these messages).
    process.stderr.write(`Error: ${isUserError(e) ? e.message : e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exitCode = 1;
  },
);
