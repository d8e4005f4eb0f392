/**
 * Faults, each through the real bot against the emulator where it matters: the LLM server down or
 * slow, Redis unavailable at start and lost mid-run, the index corrupted or deleted while running,
 * a corpus file missing, Telegram answering 429, and the process killed mid-form and restarted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config';
import { createServices, type Services } from '../src/services';
import { fromServices } from '../src/chat/adapter';
import type { ChatServices } from '../src/chat/ports';
import { t } from '../src/chat/i18n';
import { startBot, type StartedBot } from '../src/bot';
import { createLogger } from '../src/bot/logger';
import { RedisUnavailableError } from '../src/bot/storage';
import { CorpusError } from '../src/corpus/load';
import { createLlmAdvisor } from '../src/llm';
import { failureNote } from '../src/llm/failures';
import { insertAhead } from '../bench/load-lib';
import { Emulator, TEST_TOKEN, freePort, type UserOptions } from './helpers/emulator';
import { captureLog, emulatorBotConfig } from './helpers/bot';
import { HAS_REDIS, describeRedisRequired, startRedisServer } from './helpers/redis';
import { startStub, type Stub } from './llm-stub';

let emu: Emulator;
let indexDir: string;
let services: Services;
let chat: ChatServices;
const dirs: string[] = [];

function tmp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

const capture = () => captureLog([TEST_TOKEN]);

function botConfig(extra: Record<string, string> = {}): Config {
  return emulatorBotConfig(emu, { dataDir: tmp('enclave-fault-data-'), indexDir }, extra);
}

const plain = (msgs: { text: string }[]) => msgs.map((m) => m.text.replace(/<[^>]*>/g, '')).join('\n');

beforeAll(async () => {
  indexDir = tmp('enclave-fault-index-');
  emu = await Emulator.start();
  services = await createServices(loadConfig({ INDEX_DIR: indexDir }), { log: () => undefined });
  chat = fromServices(services);
}, 60_000);

afterAll(async () => {
  await emu?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('LLM server down or slow', () => {
  let stub: Stub;
  beforeAll(async () => {
    stub = await startStub(() => ({ hang: true }));
  });
  afterAll(async () => {
    await stub?.close();
  });

  const llmChat = (baseURL: string, timeoutMs = 1500): ChatServices => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-fault-test-key-123', OPENAI_BASE_URL: baseURL, OPENAI_MODEL: 'stub', LLM_TIMEOUT_MS: String(timeoutMs) });
    const advisor = createLlmAdvisor({ config, retriever: services.retriever, offline: services.offlineAdvisor, log: () => undefined });
    return fromServices({ ...services, advisor });
  };

  it('server down: the offline answer with a note, without waiting for the timeout', async () => {
    const port = await freePort(); // nothing listens there
    const t0 = Date.now();
    const res = await llmChat(`http://127.0.0.1:${port}/v1`, 15_000).ask('什么是消薄飞地？');
    expect(Date.now() - t0).toBeLessThan(7500);
    expect(res).toMatchObject({ via: 'offline', answered: true, note: failureNote('network', 'zh') });
    expect(res.citations.length).toBeGreaterThan(0);
  });

  it('server hangs: the bot answers offline after LLM_TIMEOUT_MS, and the chat goes on', async () => {
    const bot = await startBot(botConfig(), llmChat(stub.baseURL), { log: createLogger({ level: 'silent' }), throttle: false });
    try {
      const u: UserOptions = { userId: 4101 };
      const t0 = Date.now();
      const msgs = await emu.ask(u, '什么是消薄飞地？', (m) => m.some((x) => x.buttons.some((b) => b.callback_data === 'fu')));
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(8000);
      const text = plain(msgs);
      expect(text).toContain(failureNote('timeout', 'zh'));
      expect(text).toMatch(/\[1\]/);
      expect(stub.requests.length).toBeGreaterThan(0);
      const [help] = await emu.ask(u, '/help');
      expect(help.text).toContain('/split');
    } finally {
      await bot.stop();
    }
  }, 20_000);
});

describe('Redis unavailable at start', () => {
  it('refuses to start, saying what to do, without the password; logs it', async () => {
    const port = await freePort();
    const { log, text } = capture();
    const config = botConfig({ REDIS_URL: `redis://:hunter2secret@127.0.0.1:${port}` });
    const err = await startBot(config, chat, { log, throttle: false, redisConnectWaitMs: 700 }).catch((e) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect(err.message).toMatch(/Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? did not answer within 1 s \(.*ECONNREFUSED.*\)/);
    expect(err.message).toMatch(/unset REDIS_URL to keep sessions in files/);
    expect(err.message).not.toContain('hunter2secret');
    expect(text()).toContain('redis unavailable at start; not starting');
    expect(text()).not.toContain('hunter2secret');
    // it never started polling
    await new Promise((r) => setTimeout(r, 300));
  });
});

describeRedisRequired('Redis lost mid-run (required)');

describe.runIf(HAS_REDIS)('Redis lost mid-run', () => {
  let port: number;
  let redis: ChildProcess | undefined;
  const startRedis = async () => {
    redis = await startRedisServer(port);
  };
  beforeAll(async () => {
    port = await freePort();
    await startRedis();
  });
  afterAll(() => {
    redis?.kill('SIGCONT');
    redis?.kill('SIGKILL');
  });

  it('a frozen, then a killed Redis: clear replies, no crash, the form resumes, nothing overwritten', async () => {
    const { log, text } = capture();
    const bot = await startBot(botConfig({ REDIS_URL: `redis://127.0.0.1:${port}` }), chat, { log, throttle: false, redisCommandTimeoutMs: 400 });
    const u: UserOptions = { userId: 4201 };
    const down = t('zh').storageDown;
    try {
      await emu.ask(u, '/split');
      expect(plain(await emu.ask(u, '甲, 乙'))).toMatch(/第 2 步/);

      // Frozen (a network partition): commands time out instead of holding the chat.
      redis!.kill('SIGSTOP');
      const [frozen] = await emu.ask(u, '1');
      expect(frozen.text).toBe(down);
      redis!.kill('SIGCONT');
      // The session was neither lost nor replaced by a fresh one: the form is still at step 2.
      expect(plain(await emu.ask(u, '1'))).toMatch(/第 3 步/);

      // Killed: connection refused; the bot stays up and says so.
      redis!.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      const [gone] = await emu.ask(u, '6:4');
      expect(gone.text).toBe(down);
      // Redis comes back (empty: this test server keeps no data); ioredis reconnects by itself.
      await startRedis();
      let reply = '';
      for (let i = 0; i < 20 && !/\/split/.test(reply); i++) {
        reply = (await emu.ask(u, '/help'))[0].text;
        if (!/\/split/.test(reply)) await new Promise((r) => setTimeout(r, 250));
      }
      expect(reply).toContain('/split');
    } finally {
      await bot.stop();
    }
    const log2 = text();
    expect(log2).toContain('redis error; sessions unavailable until it is back');
    expect(log2).toContain('StorageUnavailableError');
    expect(log2).toContain('redis reachable again');
  }, 40_000);
});

describe('session files', () => {
  it('a corrupt record starts afresh (logged); an unreadable one is never taken for "no session"', async () => {
    const { log, text } = capture();
    const config = botConfig();
    const bot = await startBot(config, chat, { log, throttle: false });
    try {
      const corrupt: UserOptions = { userId: 4501 };
      const sessions = join(config.DATA_DIR, 'sessions');
      mkdirSync(join(sessions, '01'), { recursive: true });
      writeFileSync(join(sessions, '01', '4501_4501.json'), '{"lang":"en","answers":[{"trunc');
      const [help] = await emu.ask(corrupt, '/help');
      expect(help.text).toContain('/split');
      expect(text()).toContain('stored record unreadable; starting it afresh');
      expect(JSON.parse(readFileSync(join(sessions, '01', '4501_4501.json'), 'utf8'))).toMatchObject({ answers: [] });

      // A read that fails (here: EISDIR) gets the "try again" reply and writes nothing.
      const blocked: UserOptions = { userId: 4502 };
      mkdirSync(join(sessions, '02', '4502_4502.json'), { recursive: true });
      const [msg] = await emu.ask(blocked, '/help');
      expect(msg.text).toBe(t('zh').storageDown);
      expect(readdirSync(join(sessions, '02', '4502_4502.json'))).toEqual([]);
      expect(readdirSync(join(sessions, '02')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});

describe('index corrupted or deleted while running', () => {
  it('keeps answering from memory; the next open rebuilds it', async () => {
    const dir = tmp('enclave-fault-idx-');
    const cfg = loadConfig({ INDEX_DIR: dir });
    const first = fromServices(await createServices(cfg, { log: () => undefined }));
    const q = '什么是飞地接力？';
    const before = await first.ask(q);
    expect(before.answered).toBe(true);

    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const build = join(dir, manifest.build);
    writeFileSync(join(build, 'hnsw.bin'), 'garbage');
    rmSync(join(build, 'bm25.json'));
    expect((await first.ask(q)).answer).toBe(before.answer); // the running process keeps serving

    const logs: string[] = [];
    const reopened = fromServices(await createServices(cfg, { log: (m) => logs.push(m) }));
    expect(logs.join('\n')).toMatch(/search index (is missing bm25\.json|file hnsw\.bin is corrupt); rebuilding it/);
    expect((await reopened.ask(q)).answer).toBe(before.answer);

    rmSync(dir, { recursive: true, force: true });
    expect((await reopened.ask(q)).answer).toBe(before.answer);
    const logs2: string[] = [];
    const rebuilt = fromServices(await createServices(cfg, { log: (m) => logs2.push(m) }));
    expect(logs2.join('\n')).toMatch(/search index not built yet; rebuilding it/);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
    expect((await rebuilt.ask(q)).answer).toBe(before.answer);
  }, 30_000);
});

describe('a corpus file missing', () => {
  it('start-up fails with an error naming the file (services and npm start)', async () => {
    const dir = tmp('enclave-fault-corpus-');
    cpSync('corpus', dir, { recursive: true });
    const victim = readdirSync(dir).find((f) => f.startsWith('002-'))!;
    rmSync(join(dir, victim));
    const err = await createServices(loadConfig({ CORPUS_DIR: dir, INDEX_DIR: tmp('enclave-fault-cidx-') }), { log: () => undefined }).catch((e) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect(err.message).toContain(victim);

    const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CORPUS_DIR: dir, INDEX_DIR: indexDir, TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.status).toBe(1);
    const lines = child.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(victim);
    expect(lines[0]).toMatch(/missing/);
    expect(child.stdout + child.stderr).not.toContain(TEST_TOKEN);
  }, 40_000);
});

describe('Telegram answering 429', () => {
  it('retries after retry_after; every reply arrives exactly once', async () => {
    let refused = 0;
    let armed = false;
    insertAhead(emu, (req, res, next) => {
      if (armed && /\/sendMessage$/.test(req.path) && refused < 4) {
        refused++;
        res.status(429).json({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
        return;
      }
      next();
    });
    const { log, text } = capture();
    const bot = await startBot(botConfig(), chat, { log, throttle: false });
    try {
      const users: UserOptions[] = [{ userId: 4301 }, { userId: 4302 }, { userId: 4303 }];
      armed = true;
      const counts = users.map((u) => emu.botMessages(u.userId).length);
      await Promise.all(users.map((u, i) => emu.send(u, i === 0 ? '什么是消薄飞地？' : i === 1 ? '衢州 60% 杭州 40% 税收 1.5亿' : '/help')));
      // The split's reply is two messages (its chart, then the text): wait for the text, which a 429 may delay.
      const done = (i: number) => (i === 1 ? (m: { text: string }[]) => /90,000,000\.00/.test(plain(m)) : undefined);
      const replies = await Promise.all(users.map((u, i) => emu.waitFor(u.userId, counts[i], done(i), 15_000)));
      await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive by now
      expect(refused).toBe(4);
      expect(replies[0].filter((m) => m.buttons.some((b) => b.callback_data === 'fu'))).toHaveLength(1);
      expect(plain(replies[1])).toMatch(/衢州\s+60\.00%\s+90,000,000\.00/);
      expect(replies[2][0].text).toContain('/split');
      users.forEach((u, i) => expect(emu.botMessages(u.userId).length - counts[i]).toBe(replies[i].length));
    } finally {
      armed = false;
      await bot.stop();
    }
    expect(text()).not.toContain('update failed');
  }, 30_000);
});

describe('process killed mid-conversation', () => {
  function runBot(dataDir: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', INDEX_DIR: indexDir, DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const handled: number[] = [];
    let started = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"bot started"')) started = true;
      if (line.includes('"msg":"update"')) handled.push(JSON.parse(line).update_id);
    });
    const until = async (cond: () => boolean, ms = 30_000) => {
      const deadline = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    return { child, handled, until, ready: () => until(() => started) };
  }

  it('SIGKILL during /split; after a restart the form resumes from the persisted session', async () => {
    const dataDir = tmp('enclave-fault-kill-');
    const u: UserOptions = { userId: 4401 };
    const a = runBot(dataDir);
    try {
      await a.ready();
      await emu.ask(u, '/split', (m) => m.some((x) => x.text.includes('第 1 步')));
      const [step2] = await emu.ask(u, '甲, 乙');
      expect(step2.text).toContain('第 2 步');
      // The update is done (its log line is written after the session is saved): kill it now.
      const id = emu.server.storage.userMessages.at(-1).updateId;
      await a.until(() => a.handled.includes(id));
      a.child.kill('SIGKILL');
      await new Promise((r) => a.child.once('exit', r));
    } finally {
      a.child.kill('SIGKILL');
    }
    expect(readdirSync(join(dataDir, 'conversations')).length).toBeGreaterThan(0);
    const b = runBot(dataDir);
    try {
      await b.ready();
      expect(plain(await emu.ask(u, '1'))).toMatch(/第 3 步/);
      expect(plain(await emu.ask(u, '6:4'))).toMatch(/第 4 步/);
    } finally {
      b.child.kill('SIGTERM');
      await new Promise((r) => b.child.once('exit', r));
    }
  }, 60_000);
});
