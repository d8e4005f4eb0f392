/**
 * Where sessions and guided-form (conversation) state live: files under DATA_DIR by default,
 * Redis when REDIS_URL is set. Both stores share one backend, under different key prefixes.
 *
 * Failure policy (issue 6):
 * - Redis unreachable at start: refuse to start with a clear message (RedisUnavailableError).
 *   REDIS_URL means several instances share sessions; silently falling back to local files would
 *   give each instance its own copy of a user's form, and the copies would diverge.
 * - Storage lost while running: a read or write that fails raises StorageUnavailableError; the
 *   update is answered with a short "try again" message and nothing is written (a failed read is
 *   never mistaken for "no session", so a fresh default never replaces a real session). Redis
 *   commands time out instead of hanging; ioredis reconnects by itself when Redis is back.
 * - A record that cannot be parsed (or no longer fits the schema) is logged and started afresh.
 */
import { join } from 'node:path';
import type { StorageAdapter } from 'grammy';
import { RedisAdapter } from '@grammyjs/storage-redis';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ChatSessionSchema, newChatSession, type ChatSession } from '../chat/types';
import { AtomicFileStore, CorruptRecordError } from './file-store';
import { keyedHash } from './logger';

export interface Stores {
  kind: 'file' | 'redis';
  sessions: StorageAdapter<ChatSession>;
  /** Raw store for @grammyjs/conversations (it versions its own data). */
  conversations: StorageAdapter<any>;
  redis?: Redis;
  /** For @grammyjs/ratelimiter: the Redis counters, failing open while Redis is unreachable. */
  rateLimit?: RateLimitClient;
  close(): Promise<void>;
}

/** The session store cannot be reached: the update gets a "try again" message, nothing is written. */
export class StorageUnavailableError extends Error {
  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`${store} storage unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageUnavailableError';
  }
}

/** REDIS_URL is set but Redis does not answer at start-up. */
export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

export interface RateLimitClient {
  incr(key: string): Promise<number>;
  pexpire(key: string, ms: number): Promise<number>;
}

/** The rate limiter's window (one minute: RATE_LIMIT_PER_MINUTE). */
export const RATE_WINDOW_MS = 60_000;
/** Redis keeps a session this long after its last write, a guided form's state one day. */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;
export const FORM_TTL_SECONDS = 24 * 3600;

/**
 * INCR and its expiry in one step. The plugin's own INCR-then-PEXPIRE leaves a counter without a
 * TTL when the PEXPIRE fails (and ours fails open), and such a user would stay limited forever.
 * A counter found without a TTL gets one here, whatever left it so.
 */
const INCR_WITH_TTL = `local c = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return c`;

function prefixed<T>(inner: StorageAdapter<T>, prefix: string): StorageAdapter<T> {
  return {
    read: (k) => inner.read(prefix + k),
    write: (k, v) => inner.write(prefix + k, v),
    delete: (k) => inner.delete(prefix + k),
  };
}

/**
 * Backend errors become StorageUnavailableError (reads included: never "no session"); a corrupt
 * record is logged and treated as absent, so the user can go on.
 */
function guarded<T>(inner: StorageAdapter<T>, store: string, log: Logger | undefined, keyHash: (k: string) => string): StorageAdapter<T> {
  const fail = (e: unknown): never => {
    throw e instanceof StorageUnavailableError ? e : new StorageUnavailableError(store, e);
  };
  return {
    read: async (k) => {
      try {
        return await inner.read(k);
      } catch (e) {
        if (e instanceof CorruptRecordError || e instanceof SyntaxError) {
          log?.warn({ store, key: keyHash(k), err: { message: e.message } }, 'stored record unreadable; starting it afresh');
          return undefined;
        }
        return fail(e);
      }
    },
    write: (k, v) => Promise.resolve(inner.write(k, v)).catch(fail),
    delete: (k) => Promise.resolve(inner.delete(k)).catch(fail),
  };
}

/** Validates what comes back from storage: an outdated or mangled session starts afresh, with a warning. */
function validated(inner: StorageAdapter<ChatSession>, log: Logger | undefined, keyHash: (k: string) => string): StorageAdapter<ChatSession> {
  return {
    read: async (k) => {
      const v = await inner.read(k);
      if (v === undefined) return undefined;
      const parsed = ChatSessionSchema.safeParse(v);
      if (parsed.success) return parsed.data;
      log?.warn({ key: keyHash(k), issue: parsed.error.issues[0]?.message }, 'stored session does not fit the schema; starting it afresh');
      return newChatSession();
    },
    write: (k, v) => inner.write(k, v),
    delete: (k) => inner.delete(k),
  };
}

/** Rate limiting must not be what fails while Redis is down: count nothing, let the session say it. */
export function failOpen(redis: Redis, windowMs = RATE_WINDOW_MS): RateLimitClient {
  return {
    incr: (k) => (redis.eval(INCR_WITH_TTL, 1, k, windowMs) as Promise<number>).then(Number).catch(() => 1),
    // The expiry was set with the increment.
    pexpire: async () => 1,
  };
}

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}

export interface StoreOptions {
  dataDir: string;
  redisUrl?: string;
  /** Keys in log lines are HMACs under this secret (the bot token), not reversible plain hashes. */
  hashSecret?: string;
  /** Redis expiry of sessions and of form states, in seconds (defaults: 30 days, 1 day). */
  sessionTtlSeconds?: number;
  formTtlSeconds?: number;
  /** A repeated Redis error is logged at most this often (default 10 s). */
  redisErrorLogIntervalMs?: number;
  log?: Logger;
  /** How long to wait for Redis at start before refusing to start (default 10 s). */
  redisConnectWaitMs?: number;
  /** A Redis command that takes longer fails (default 3 s), instead of holding the chat forever. */
  redisCommandTimeoutMs?: number;
}

export async function createStores(opts: StoreOptions): Promise<Stores> {
  const keyHash = keyedHash(opts.hashSecret ?? 'enclave-advisor');
  if (opts.redisUrl) {
    const redis = new Redis(opts.redisUrl, {
      // Fail a command after a few reconnection attempts instead of queueing updates forever.
      maxRetriesPerRequest: 2,
      connectTimeout: 5000,
      commandTimeout: opts.redisCommandTimeoutMs ?? 3000,
      lazyConnect: true,
    });
    let lastError = 0;
    let lastMessage = '';
    let started = false;
    redis.on('error', (e: Error) => {
      lastMessage = e.message;
      // ioredis repeats the same error on every reconnection attempt: log it at most every 10 s.
      if (Date.now() - lastError > (opts.redisErrorLogIntervalMs ?? 10_000)) {
        lastError = Date.now();
        opts.log?.error({ err: { message: e.message } }, started ? 'redis error; sessions unavailable until it is back' : 'redis not reachable yet; waiting for it');
      }
    });
    redis.on('ready', () => {
      if (lastError) opts.log?.warn('redis reachable again');
    });
    const wait = opts.redisConnectWaitMs ?? 10_000;
    redis.connect().catch(() => undefined); // retried by ioredis; readiness awaited below
    // Not events.once(redis, 'ready'): it rejects on the first 'error', and connection errors are
    // expected here while Redis is still coming up.
    const ready = await new Promise<boolean>((resolve) => {
      if (redis.status === 'ready') return resolve(true);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        redis.off('ready', onReady);
        resolve(false);
      }, wait);
      redis.once('ready', onReady);
    });
    if (!ready) {
      redis.disconnect();
      const message = `Redis at ${safeUrl(opts.redisUrl)} did not answer within ${Math.round(wait / 1000)} s (${lastMessage || 'no connection'}). Start Redis or correct REDIS_URL; unset REDIS_URL to keep sessions in files under ${opts.dataDir}/ (single instance only).`;
      opts.log?.fatal({ err: { message: lastMessage } }, 'redis unavailable at start; not starting');
      throw new RedisUnavailableError(message);
    }
    lastError = 0;
    started = true;
    // Abandoned sessions and forms expire instead of piling up; each write renews the expiry.
    const sessionBase = new RedisAdapter<any>({ instance: redis, ttl: opts.sessionTtlSeconds ?? SESSION_TTL_SECONDS });
    const formBase = new RedisAdapter<any>({ instance: redis, ttl: opts.formTtlSeconds ?? FORM_TTL_SECONDS });
    return {
      kind: 'redis',
      sessions: validated(guarded(prefixed(sessionBase, 'enclave:s:'), 'redis', opts.log, keyHash), opts.log, keyHash),
      conversations: guarded(prefixed(formBase, 'enclave:c:'), 'redis', opts.log, keyHash),
      redis,
      rateLimit: failOpen(redis),
      close: async () => {
        try {
          await redis.quit();
        } catch {
          redis.disconnect();
        }
      },
    };
  }
  const sessionFiles = new AtomicFileStore<ChatSession>(join(opts.dataDir, 'sessions'));
  const formFiles = new AtomicFileStore<any>(join(opts.dataDir, 'conversations'));
  for (const store of [sessionFiles, formFiles]) {
    const swept = await store.sweepStale().catch(() => 0);
    if (swept) opts.log?.warn({ files: swept }, 'removed temporary session files left by an interrupted write');
  }
  return {
    kind: 'file',
    sessions: validated(guarded(sessionFiles, 'file', opts.log, keyHash), opts.log, keyHash),
    conversations: guarded(formFiles, 'file', opts.log, keyHash),
    close: async () => {},
  };
}
