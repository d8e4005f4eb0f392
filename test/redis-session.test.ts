/**
 * Sessions in a real Redis survive a bot restart. Spawns `redis-server` on a free loopback port
 * (no persistence). Without the binary: fails under CI or REQUIRE_REDIS, else skips saying why.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config';
import { createServices } from '../src/services';
import { fromServices } from '../src/chat/adapter';
import type { ChatServices } from '../src/chat/ports';
import { startBot, type StartedBot } from '../src/bot';
import { createLogger } from '../src/bot/logger';
import { FORM_TTL_SECONDS, SESSION_TTL_SECONDS, failOpen } from '../src/bot/storage';
import { Emulator, freePort, type UserOptions } from './helpers/emulator';
import { emulatorBotConfig } from './helpers/bot';
import { HAS_REDIS, REDIS_REQUIRED, describeRedisRequired, startRedisServer } from './helpers/redis';

if (!HAS_REDIS && !REDIS_REQUIRED) {
  console.log('[redis-session] skipped: redis-server is not installed (apt-get install -y redis-server); set REQUIRE_REDIS=1 to make this a failure');
}

describeRedisRequired('redis session (required)');

describe.runIf(HAS_REDIS)('sessions in Redis', () => {
  let redisProc: ChildProcess;
  let redisUrl: string;
  let emu: Emulator;
  let services: ChatServices;
  let dataDir: string;
  let indexDir: string;
  let bot: StartedBot | undefined;
  const U: UserOptions = { userId: 2001, languageCode: 'zh-hans' };

  function config(): Config {
    return emulatorBotConfig(emu, { dataDir, indexDir }, { REDIS_URL: redisUrl });
  }

  async function start() {
    bot = await startBot(config(), services, { log: createLogger({ level: process.env.H6_DEBUG ? 'debug' : 'silent', destination: process.env.H6_DEBUG ? { write: (s: string) => void process.stderr.write(s) } : undefined }), throttle: false });
  }

  beforeAll(async () => {
    const port = await freePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    redisProc = await startRedisServer(port);
    dataDir = mkdtempSync(join(tmpdir(), 'enclave-redis-data-'));
    indexDir = mkdtempSync(join(tmpdir(), 'enclave-redis-index-'));
    emu = await Emulator.start();
    services = fromServices(await createServices(config(), { log: () => undefined }));
    await start();
  });

  afterAll(async () => {
    await bot?.stop();
    await emu?.stop();
    redisProc?.kill('SIGTERM');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (indexDir) rmSync(indexDir, { recursive: true, force: true });
  });

  it('a rate-limit counter left without expiry (a failed PEXPIRE) gets one at the next increment', async () => {
    const redis = new Redis(redisUrl);
    try {
      const key = 'enclave:rl:test-no-ttl';
      await redis.set(key, '5'); // as the plugin's INCR-then-PEXPIRE leaves it when PEXPIRE fails
      expect(await redis.pttl(key)).toBe(-1);
      const client = failOpen(redis, 60_000);
      expect(await client.incr(key)).toBe(6);
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      // A fresh counter starts at 1 with the window's expiry, in the same call.
      expect(await client.incr('enclave:rl:test-fresh')).toBe(1);
      expect(await redis.pttl('enclave:rl:test-fresh')).toBeGreaterThan(50_000);
      await redis.del(key, 'enclave:rl:test-fresh');
    } finally {
      redis.disconnect();
    }
  });

  it('keeps language, last question and a form in progress across a restart', async () => {
    const [langMsg] = await emu.ask(U, '/lang');
    const n = emu.botMessages(U.userId).length;
    await emu.press(U, langMsg, 'lang:en');
    await emu.waitFor(U.userId, n);
    await emu.ask(U, 'What is a xiaobo enclave?');
    await emu.ask(U, '/split');
    const [step2] = await emu.ask(U, 'Quzhou, Hangzhou');
    expect(step2.text).toContain('Step 2');

    const redis = new Redis(redisUrl);
    const keys = await redis.keys('enclave:*');
    const sessionKey = keys.find((k) => k.startsWith('enclave:s:'))!;
    expect(sessionKey).toBeTruthy();
    expect(keys.some((k) => k.startsWith('enclave:c:'))).toBe(true);
    const stored = JSON.parse((await redis.get(sessionKey))!);
    expect(stored.lang).toBe('en');
    expect(stored.lastQuestion).toBe('What is a xiaobo enclave?');
    // Sessions and form states expire (30 days, 1 day) instead of piling up for ever.
    const sessionTtl = await redis.ttl(sessionKey);
    expect(sessionTtl).toBeGreaterThan(SESSION_TTL_SECONDS - 120);
    expect(sessionTtl).toBeLessThanOrEqual(SESSION_TTL_SECONDS);
    const formTtl = await redis.ttl(keys.find((k) => k.startsWith('enclave:c:'))!);
    expect(formTtl).toBeGreaterThan(FORM_TTL_SECONDS - 120);
    expect(formTtl).toBeLessThanOrEqual(FORM_TTL_SECONDS);
    // Rate-limit counters always carry their window's expiry.
    const counters = keys.filter((k) => k.startsWith('enclave:rl:'));
    expect(counters.length).toBeGreaterThan(0);
    for (const k of counters) expect(await redis.pttl(k)).toBeGreaterThan(0);
    redis.disconnect();
    // nothing went to the file store
    const sessionsDir = join(dataDir, 'sessions');
    expect(existsSync(sessionsDir) ? readdirSync(sessionsDir) : []).toEqual([]);

    await bot!.stop();
    await start();

    const [step3] = await emu.ask(U, '1');
    expect(step3.text).toContain('Step 3'); // the form resumed where it was
    const [help] = await emu.ask(U, '/help');
    expect(help.text).toContain('Just type'); // English kept, though Telegram says Chinese
  });
});
