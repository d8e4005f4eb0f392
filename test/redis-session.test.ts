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
