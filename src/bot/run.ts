/**
 * Running the bot: long polling through @grammyjs/runner (concurrent, ordered per chat by
 * `sequentialize` in the bot), or a webhook server on node:http with the secret token checked.
 * Both stop gracefully: in-flight updates finish, then storage closes.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { Logger } from 'pino';
import { COMMANDS } from '../chat/i18n';
import type { BotContext } from './context';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'inline_query'] as const;

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
    await bot.api.setMyCommands(list('en'));
    await bot.api.setMyCommands(list('en'), { language_code: 'en' });
    await bot.api.setMyCommands(list('zh'), { language_code: 'zh' });
  } catch (e) {
    log.warn({ err: { message: e instanceof Error ? e.message : String(e) } }, 'setMyCommands failed; the command menu may be missing');
  }
}

export async function startPolling(bot: Bot<BotContext>, log: Logger): Promise<Running> {
  // Telegram refuses getUpdates while a webhook is set (e.g. after running in webhook mode).
  await bot.api.deleteWebhook();
  const handle: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  log.info({ mode: 'polling', bot: bot.botInfo.username }, 'bot started');
  return {
    stop: async () => {
      if (handle.isRunning()) await handle.stop();
    },
  };
}

export interface WebhookOptions {
  url: string;
  secret?: string;
  port: number;
  host?: string;
}

export async function startWebhook(bot: Bot<BotContext>, opts: WebhookOptions, log: Logger): Promise<Running> {
  const path = new URL(opts.url).pathname || '/';
  const handle = webhookCallback(bot, 'http', { secretToken: opts.secret, onTimeout: 'return', timeoutMilliseconds: 50_000 });
  let inFlight = 0;
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
    inFlight++;
    Promise.resolve(handle(req, res))
      .catch((e: unknown) => {
        // A wrong secret token lands here too: grammY answers 401 itself.
        log.warn({ err: { message: e instanceof Error ? e.message : String(e) } }, 'webhook request failed');
        if (!res.headersSent) res.writeHead(500).end();
      })
      .finally(() => inFlight--);
  });
  server.listen(opts.port, opts.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  await bot.api.setWebhook(opts.url, { secret_token: opts.secret, allowed_updates: [...ALLOWED_UPDATES] });
  log.info({ mode: 'webhook', port, path, bot: bot.botInfo.username }, 'bot started');
  return {
    port,
    stop: async () => {
      server.close();
      server.closeIdleConnections();
      const deadline = Date.now() + 30_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
