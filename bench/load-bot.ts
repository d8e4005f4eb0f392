#!/usr/bin/env tsx
/**
 * The bot process of `npm run bench:load`: the real bot (as `npm start` runs it, configuration from
 * the environment) with outgoing API calls tagged by update (bench/load-lib `tagReplies`), so the
 * bench can attribute every reply. Logs go to stdout as JSON lines, plus one `mem` line every
 * LOAD_MEM_EVERY_MS. Stops on SIGTERM.
 */
import { loadConfig } from '../src/config';
import { createServices } from '../src/services';
import { fromServices } from '../src/chat/adapter';
import { startBot } from '../src/bot';
import { createLogger, secretsOf } from '../src/bot/logger';
import { tagReplies } from './load-lib';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: 'info', secrets: secretsOf(config) });
  const services = fromServices(await createServices(config, { log: () => undefined }));
  const started = await startBot(config, services, { log, throttle: process.env.LOAD_THROTTLE === '1' ? undefined : false });
  tagReplies(started.bot);
  const every = Number(process.env.LOAD_MEM_EVERY_MS ?? 1000);
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    log.info({ rss: m.rss, heapUsed: m.heapUsed, external: m.external }, 'mem');
  }, every);
  log.info('load bot ready');
  process.once('SIGTERM', () => {
    clearInterval(timer);
    started.stop().finally(() => {
      log.info({ maxRss: process.resourceUsage().maxRSS * 1024 }, 'load bot stopped');
      process.exit(0);
    });
  });
}

main().catch((e) => {
  process.stderr.write(`load bot failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
