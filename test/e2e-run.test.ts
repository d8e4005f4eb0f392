/**
 * End-to-end running modes: the webhook server (secret token checked) against the emulator, and
 * `src/main.ts` as a process — the bot with graceful SIGTERM, the terminal chat on piped stdin,
 * and a bad configuration value.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createServices } from '../src/services';
import { fromServices } from '../src/chat/adapter';
import type { ChatServices } from '../src/chat/ports';
import { startBot } from '../src/bot';
import { createLogger } from '../src/bot/logger';
import { Emulator, TEST_TOKEN, freePort } from './helpers/emulator';
import { insertAhead } from '../bench/load-lib';

let emu: Emulator;
let services: ChatServices;
let indexDir: string;
const dirs: string[] = [];

function tmp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

beforeAll(async () => {
  indexDir = tmp('enclave-run-index-');
  emu = await Emulator.start();
  services = fromServices(await createServices(loadConfig({ INDEX_DIR: indexDir }), { log: () => undefined }));
});

afterAll(async () => {
  await emu?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Proc {
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
  kill: (sig: NodeJS.Signals) => void;
  write: (s: string) => void;
  end: () => void;
}

function runMain(env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', INDEX_DIR: indexDir, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return {
    out: () => out,
    err: () => err,
    exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: (sig) => child.kill(sig),
    write: (s) => child.stdin.write(s),
    end: () => child.stdin.end(),
  };
}

async function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhook mode', () => {
  it('serves updates posted with the secret token and refuses others', async () => {
    const port = await freePort();
    const secret = 'webhook-secret-value-42';
    const config = {
      ...loadConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot, DATA_DIR: tmp('enclave-wh-data-'), INDEX_DIR: indexDir }),
      WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
      WEBHOOK_SECRET: secret,
      PORT: port,
    };
    const lines: string[] = [];
    const bot = await startBot(config, services, { host: '127.0.0.1', throttle: false, log: createLogger({ secrets: [TEST_TOKEN, secret], destination: { write: (s: string) => void lines.push(s) } }) });
    try {
      expect(emu.server.webhooks[TEST_TOKEN].url).toBe(config.WEBHOOK_URL);
      const msgs = await emu.ask({ userId: 3001 }, '什么是飞地接力？');
      expect(msgs.map((m) => m.text).join('\n')).toMatch(/接力/);
      expect(emu.webhookStatuses.at(-1)).toBe(200);

      const forged = await fetch(config.WEBHOOK_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ update_id: 99999, message: { message_id: 1, date: 0, chat: { id: 3001, type: 'private' }, from: { id: 3001, is_bot: false, first_name: 'x' }, text: '/start' } }) });
      expect(forged.status).toBe(401);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await bot.stop();
    }
    expect(lines.join('')).not.toContain(secret);
    expect(lines.join('')).not.toContain(TEST_TOKEN);
  });
});

describe('webhook mode, stopping', () => {
  it('waits for an update still running, whose session is then saved, before closing storage', async () => {
    const port = await freePort();
    const secret = 'webhook-secret-value-43';
    const dataDir = tmp('enclave-wh-drain-');
    let started = 0;
    const slow: ChatServices = {
      ...services,
      ask: async (q, o) => {
        started = Date.now();
        await new Promise((r) => setTimeout(r, 1500));
        return services.ask(q, o);
      },
    };
    const config = {
      ...loadConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot, DATA_DIR: dataDir, INDEX_DIR: indexDir, ALLOWED_USER_IDS: '3011' }),
      WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
      WEBHOOK_SECRET: secret,
      PORT: port,
    };
    const lines: string[] = [];
    const bot = await startBot(config, slow, { host: '127.0.0.1', throttle: false, log: createLogger({ secrets: [TEST_TOKEN, secret], destination: { write: (s: string) => void lines.push(s) } }) });
    expect(lines.join('')).toMatch(/"allowlist":"1 ids"/);
    const u = { userId: 3011 };
    const delivered = emu.send(u, '什么是飞地接力？');
    await until(() => started > 0);
    await bot.stop();
    // stop() returned only after the answer went out and the session was written.
    expect(emu.botMessages(u.userId).map((m) => m.text).join('\n')).toMatch(/接力/);
    const file = join(dataDir, 'sessions', '11', '3011_3011.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).lastQuestion).toMatch(/飞地接力/);
    await delivered;
  });
});

describe('errors', () => {
  it('a failing update gets a short apology; the log gets the error without the token; the bot goes on', async () => {
    const failing: ChatServices = {
      ...services,
      ask: async (q, o) => {
        if (q.includes('boom')) throw new Error(`upstream failed at https://api.example/bot${TEST_TOKEN}/x`);
        return services.ask(q, o);
      },
    };
    const lines: string[] = [];
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot, DATA_DIR: tmp('enclave-err-data-'), INDEX_DIR: indexDir });
    const bot = await startBot(config, failing, { throttle: false, log: createLogger({ secrets: [TEST_TOKEN], destination: { write: (s: string) => void lines.push(s) } }) });
    try {
      const [sorry] = await emu.ask({ userId: 3003 }, 'what is boom?');
      expect(sorry.text).toMatch(/抱歉|Sorry/);
      expect(sorry.text).not.toContain('upstream');
      const next = await emu.ask({ userId: 3003 }, '什么是飞地接力？');
      expect(next.map((m) => m.text).join('\n')).toMatch(/接力/);
    } finally {
      await bot.stop();
    }
    const log = lines.join('');
    expect(log).toContain('update failed');
    expect(log).toContain('upstream failed');
    expect(log).not.toContain(TEST_TOKEN);
  });
});

describe('rate limit', () => {
  it('asks a user who sends too much to slow down, once, and ignores the excess', async () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot, DATA_DIR: tmp('enclave-rl-data-'), INDEX_DIR: indexDir, RATE_LIMIT_PER_MINUTE: '2' });
    const bot = await startBot(config, services, { throttle: false, log: createLogger({ level: 'silent' }) });
    const u = { userId: 3004, languageCode: 'en' };
    try {
      await emu.ask(u, '/help');
      await emu.ask(u, '/about');
      const [slow] = await emu.ask(u, '/sources');
      expect(slow.text).toMatch(/Too many messages/);
      const n = emu.botMessages(u.userId).length;
      await emu.send(u, '/help');
      await new Promise((r) => setTimeout(r, 500));
      expect(emu.botMessages(u.userId)).toHaveLength(n);
      // other users are not affected
      const [other] = await emu.ask({ userId: 3005 }, '/help');
      expect(other.text).toContain('/split');
    } finally {
      await bot.stop();
    }
  });
});

describe('npm start (src/main.ts)', () => {
  it('runs the bot with long polling and shuts down gracefully on SIGTERM', async () => {
    // A fresh index dir: the services log that they build the index, through the bot's logger.
    const p = runMain({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot, DATA_DIR: tmp('enclave-main-data-'), INDEX_DIR: tmp('enclave-main-index-') });
    try {
      await until(() => p.out().includes('bot started'));
      const [welcome] = await emu.ask({ userId: 3002 }, '/start');
      expect(welcome.text).toContain('飞地政策顾问');
      p.kill('SIGTERM');
      expect(await p.exit).toBe(0);
      expect(p.out()).toContain('bot stopped');
      expect(p.out() + p.err()).not.toContain(TEST_TOKEN);
      // Every line is the structured log (the services' lines too, through the scrubbing logger).
      expect(p.err()).toBe('');
      const lines = p.out().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(lines.find((l) => l.msg === 'bot started')).toMatchObject({ mode: 'polling', allowlist: 'off' });
      expect(lines.some((l) => l.component === 'services')).toBe(true);
    } finally {
      p.kill('SIGKILL');
    }
  });

  it('on SIGTERM, an update in progress finishes and its session is saved before the process exits', async () => {
    const dataDir = tmp('enclave-drain-data-');
    const u = { userId: 3010, languageCode: 'zh-hans' };
    // The reply to this chat takes 1.5 s to be accepted: the update is still running when SIGTERM comes.
    let replyArrived = 0;
    let replyDone = 0;
    insertAhead(emu, (req, _res, next) => {
      if (/\/sendMessage$/.test(req.path) && String(req.body?.chat_id) === String(u.userId) && !replyArrived) {
        replyArrived = Date.now();
        setTimeout(() => {
          replyDone = Date.now();
          next();
        }, 1500);
        return;
      }
      next();
    });
    const p = runMain({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot, DATA_DIR: dataDir });
    try {
      await until(() => p.out().includes('bot started'));
      await emu.send(u, '/lang en');
      await until(() => replyArrived > 0);
      p.kill('SIGTERM');
      expect(await p.exit).toBe(0);
      expect(replyDone).toBeGreaterThan(0);
      expect(emu.botMessages(u.userId).at(-1)?.text).toMatch(/English/);
      // The session the update changed was written before storage closed.
      const file = join(dataDir, 'sessions', String(u.userId).slice(-2), `${u.userId}_${u.userId}.json`);
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8')).lang).toBe('en');
      const lines = p.out().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const stopped = lines.findIndex((l) => l.msg === 'bot stopped');
      const update = lines.findIndex((l) => l.msg === 'update' && l.intent);
      expect(update).toBeGreaterThanOrEqual(0);
      expect(stopped).toBeGreaterThan(update);
    } finally {
      p.kill('SIGKILL');
    }
  });

  it('a token Telegram refuses (401 while polling) stops the bot with one clean fatal line and exit code 1', async () => {
    // A Bot API that knows the bot (getMe) but refuses getUpdates, as Telegram does for a revoked token.
    const api = createServer((req, res) => {
      const method = (req.url ?? '').split('/').pop();
      res.setHeader('content-type', 'application/json');
      if (method === 'getMe') res.end(JSON.stringify({ ok: true, result: { id: 1, is_bot: true, first_name: 'B', username: 'B_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } }));
      else if (method === 'getUpdates') res.end(JSON.stringify({ ok: false, error_code: 401, description: `Unauthorized (bot${TEST_TOKEN})` }));
      else res.end(JSON.stringify({ ok: true, result: true }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const port = (api.address() as { port: number }).port;
    const p = runMain({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, DATA_DIR: tmp('enclave-401-data-') });
    try {
      expect(await p.exit).toBe(1);
      const all = p.out() + p.err();
      expect(all).not.toContain(TEST_TOKEN);
      expect(p.err()).not.toMatch(/\n\s+at /); // no raw stack
      const lines = p.out().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(lines.some((l) => l.level === 60 && /receiving updates failed/.test(l.msg) && /401|Unauthorized/.test(l.err.message))).toBe(true);
      expect(lines.some((l) => l.msg === 'bot stopped')).toBe(true);
    } finally {
      p.kill('SIGKILL');
      api.close();
    }
  });

  it('without a token, runs the terminal chat on piped stdin and exits at end of input', async () => {
    const p = runMain({});
    p.write('什么是消薄飞地？\n六四分成 1000万\n/split\n甲, 乙\n1\n6:4\n100万\n无\n无\n无\n');
    p.end();
    expect(await p.exit).toBe(0);
    const out = p.out();
    expect(out).toContain('消薄飞地');
    expect(out).toMatch(/\[1\]/);
    expect(out).toMatch(/飞出地\s+60\.00%\s+6,000,000\.00/);
    expect(out).toMatch(/甲\s+60\.00%\s+600,000\.00/);
  });

  it('reports a bad configuration value in one clear line', async () => {
    const p = runMain({ TELEGRAM_BOT_TOKEN: 'not-a-token', RATE_LIMIT_PER_MINUTE: 'lots' });
    expect(await p.exit).toBe(1);
    expect(p.err()).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(p.err()).toMatch(/RATE_LIMIT_PER_MINUTE must be a positive whole number/);
    expect(p.err()).not.toMatch(/\n\s+at /); // no stack trace
  });
});
