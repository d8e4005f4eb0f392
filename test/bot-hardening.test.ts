/**
 * The bot's small safety parts, one by one: the shutdown counter, the apology after a button, the
 * mention in groups, the once-per-window refusal, log pseudonyms, the webhook settings, the
 * session files' leftovers, the Redis error log's pace and the retry budget of webhook mode.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../src/config';
import { InFlight } from '../src/bot/inflight';
import { OncePerWindow, errorHandler, stripMention } from '../src/bot/middleware';
import { createLogger, userHasher } from '../src/bot/logger';
import { AtomicFileStore } from '../src/bot/file-store';
import { createStores } from '../src/bot/storage';
import { retrySettings } from '../src/bot/bot';
import { freePort } from './helpers/emulator';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('InFlight (shutdown waits for running updates)', () => {
  it('idle resolves when the last update is done, or false at the deadline', async () => {
    const f = new InFlight();
    expect(await f.idle(10)).toBe(true);
    let release!: () => void;
    const running = f.middleware({} as any, () => new Promise<void>((r) => (release = r)));
    expect(f.count).toBe(1);
    expect(await f.idle(30)).toBe(false);
    const waiting = f.idle(5000);
    release();
    await running;
    expect(await waiting).toBe(true);
    expect(f.count).toBe(0);
  });

  it('counts an update that throws until it has thrown', async () => {
    const f = new InFlight();
    await expect(f.middleware({} as any, async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(f.count).toBe(0);
  });
});

describe('errorHandler after a button press', () => {
  it('still sends the apology when Telegram refuses a second answer to the callback query', async () => {
    const replies: string[] = [];
    const ctx: any = {
      update: { update_id: 1 },
      from: { id: 42, language_code: 'en' },
      chat: { id: 42, type: 'private' },
      callbackQuery: { id: 'q', data: 'x' },
      turn: { outcome: 'ok' },
      answerCallbackQuery: async () => {
        throw new Error('Bad Request: query is too old and response timeout expired or query ID is invalid');
      },
      reply: async (text: string) => void replies.push(text),
    };
    const log = createLogger({ level: 'silent' });
    await errorHandler(log, userHasher('s'))({ ctx, error: new Error('boom') } as any);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/Sorry/);
    expect(ctx.turn.outcome).toBe('error');
  });
});

describe('stripMention', () => {
  const mention = (text: string, name = '@enclave_bot') => ({ type: 'mention' as const, offset: text.indexOf(name), length: name.length });
  it('removes the bot mention wherever it stands', () => {
    for (const text of ['@enclave_bot 衢州, 杭州', '衢州, 杭州 @enclave_bot', '衢州, @enclave_bot 杭州']) {
      expect(stripMention(text, [mention(text)], 'Enclave_Bot')).toBe('衢州, 杭州');
    }
  });
  it('keeps other people’s mentions and works without entities', () => {
    expect(stripMention('@alice 衢州, 杭州', [mention('@alice 衢州, 杭州', '@alice')], 'enclave_bot')).toBe('@alice 衢州, 杭州');
    expect(stripMention('衢州, 杭州 @enclave_bot', undefined, 'enclave_bot')).toBe('衢州, 杭州');
    expect(stripMention('mail@enclave_bot.cn', undefined, 'enclave_bot')).toBe('mail@enclave_bot.cn');
  });
});

describe('OncePerWindow (one refusal per stranger per window)', () => {
  it('is true once per key per window', () => {
    let now = 0;
    const once = new OncePerWindow(60_000, () => now);
    expect(once.first('a')).toBe(true);
    expect(once.first('a')).toBe(false);
    expect(once.first('b')).toBe(true);
    now = 59_999;
    expect(once.first('a')).toBe(false);
    now = 60_000;
    expect(once.first('a')).toBe(true);
  });
});

describe('user pseudonyms in logs', () => {
  it('are keyed: not the plain SHA-256 of the id, and different under another secret', () => {
    const id = 1234567890;
    const a = userHasher('123:tokenA')(id)!;
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).toBe(userHasher('123:tokenA')(id));
    expect(a).not.toBe(createHash('sha256').update(String(id)).digest('hex').slice(0, 16));
    expect(a).not.toBe(userHasher('123:tokenB')(id));
    expect(userHasher('x')(undefined)).toBeUndefined();
  });
});

describe('webhook settings', () => {
  const base = { TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345678' };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
      return [];
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
  };
  it('require a secret of 16+ URL-safe characters', () => {
    expect(problems({ WEBHOOK_URL: 'https://bot.example.gov.cn/tg' }).join('\n')).toMatch(/WEBHOOK_SECRET is required with WEBHOOK_URL/);
    expect(problems({ WEBHOOK_URL: 'https://bot.example.gov.cn/tg', WEBHOOK_SECRET: 'short' }).join('\n')).toMatch(/WEBHOOK_SECRET must be 16 to 256 characters/);
    expect(problems({ WEBHOOK_URL: 'https://bot.example.gov.cn/tg', WEBHOOK_SECRET: 'has spaces in it, sixteen+' }).join('\n')).toMatch(/WEBHOOK_SECRET must be/);
    expect(problems({ WEBHOOK_URL: 'https://bot.example.gov.cn/tg', WEBHOOK_SECRET: 'abcdef0123456789_-AB' })).toEqual([]);
  });
  it('require https, except on loopback', () => {
    const secret = { WEBHOOK_SECRET: 'abcdef0123456789abcdef' };
    expect(problems({ WEBHOOK_URL: 'http://bot.example.gov.cn/tg', ...secret }).join('\n')).toMatch(/WEBHOOK_URL must be an https:\/\/ URL/);
    expect(problems({ WEBHOOK_URL: 'http://127.0.0.1:8443/tg', ...secret })).toEqual([]);
    expect(problems({ WEBHOOK_URL: 'http://localhost:8443/tg', ...secret })).toEqual([]);
  });
  it('PORT is at most 65535; no webhook, no secret needed', () => {
    expect(problems({ PORT: '70000' }).join('\n')).toMatch(/PORT must be a TCP port number from 1 to 65535/);
    expect(problems({ PORT: '65535' })).toEqual([]);
    expect(problems({})).toEqual([]);
  });
  it('retries stay within Telegram’s 50 s webhook window', () => {
    const w = retrySettings(true);
    expect(w.maxDelaySeconds).toBeLessThanOrEqual(10);
    expect(w.maxRetryAttempts * w.maxDelaySeconds).toBeLessThan(50);
    expect(retrySettings(false).maxRetryAttempts).toBeGreaterThan(w.maxRetryAttempts);
  });
});

describe('session files', () => {
  it('temporary files left by a killed write are swept at start; fresh ones and records are kept', async () => {
    const root = mkdtempSync(join(tmpdir(), 'enclave-sweep-'));
    dirs.push(root);
    const dir = join(root, 'sessions', '42');
    mkdirSync(dir, { recursive: true });
    const stale = join(dir, '42_42.json.999.abcd.tmp');
    const fresh = join(dir, '42_42.json.998.abcd.tmp');
    const record = join(dir, '42_42.json');
    for (const f of [stale, fresh]) writeFileSync(f, '{"la');
    writeFileSync(record, '{"lang":"en"}');
    const old = new Date(Date.now() - 3600_000);
    utimesSync(stale, old, old);
    const lines: string[] = [];
    const stores = await createStores({ dataDir: root, log: createLogger({ destination: { write: (s: string) => void lines.push(s) } }) });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(record)).toBe(true);
    expect(lines.join('')).toMatch(/removed temporary session files/);
    await stores.close();
  });

  it('a write leaves the whole record and no temporary file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'enclave-write-'));
    dirs.push(root);
    const store = new AtomicFileStore<{ n: number }>(root);
    await store.write('7_7', { n: 1 });
    await store.write('7_7', { n: 2 });
    expect(await store.read('7_7')).toEqual({ n: 2 });
    expect(await store.sweepStale(0)).toBe(0);
  });
});

describe('Redis error log', () => {
  it('repeats a lasting error at the set interval, not only once', async () => {
    const port = await freePort(); // nothing listens: every reconnection attempt fails
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (s: string) => void lines.push(s) } });
    await expect(createStores({ dataDir: 'unused', redisUrl: `redis://127.0.0.1:${port}`, log, redisConnectWaitMs: 2500, redisErrorLogIntervalMs: 400 })).rejects.toThrow(/did not answer/);
    const waiting = lines.filter((l) => l.includes('redis not reachable yet'));
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(waiting.length).toBeLessThanOrEqual(8);
  });
});
