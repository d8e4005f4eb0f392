/**
 * Where sessions and guided-form (conversation) state live: files under DATA_DIR by default,
 * Redis when REDIS_URL is set. Both stores share one backend, under different key prefixes.
 */
import { join } from 'node:path';
import type { StorageAdapter } from 'grammy';
import { FileAdapter } from '@grammyjs/storage-file';
import { RedisAdapter } from '@grammyjs/storage-redis';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { coerceChatSession, type ChatSession } from '../chat/types';

export interface Stores {
  kind: 'file' | 'redis';
  sessions: StorageAdapter<ChatSession>;
  /** Raw store for @grammyjs/conversations (it versions its own data). */
  conversations: StorageAdapter<any>;
  redis?: Redis;
  close(): Promise<void>;
}

function prefixed<T>(inner: StorageAdapter<T>, prefix: string): StorageAdapter<T> {
  return {
    read: (k) => inner.read(prefix + k),
    write: (k, v) => inner.write(prefix + k, v),
    delete: (k) => inner.delete(prefix + k),
  };
}

/** Validates what comes back from storage: a corrupted or outdated record starts afresh instead of crashing. */
function validated(inner: StorageAdapter<ChatSession>): StorageAdapter<ChatSession> {
  return {
    read: async (k) => {
      const v = await inner.read(k);
      return v === undefined ? undefined : coerceChatSession(v);
    },
    write: (k, v) => inner.write(k, v),
    delete: (k) => inner.delete(k),
  };
}

export interface StoreOptions {
  dataDir: string;
  redisUrl?: string;
  log?: Logger;
}

export async function createStores(opts: StoreOptions): Promise<Stores> {
  if (opts.redisUrl) {
    const redis = new Redis(opts.redisUrl, {
      // Fail a command after a few reconnection attempts instead of queueing updates forever.
      maxRetriesPerRequest: 2,
      connectTimeout: 5000,
      lazyConnect: true,
    });
    let lastError = 0;
    redis.on('error', (e: Error) => {
      // ioredis repeats the same error on every reconnection attempt: log it at most every 10 s.
      if (Date.now() - lastError > 10_000) opts.log?.error({ err: { message: e.message } }, 'redis error');
      lastError = Date.now();
    });
    try {
      await redis.connect();
    } catch (e) {
      opts.log?.error({ err: { message: e instanceof Error ? e.message : String(e) } }, 'redis unavailable at start; retrying in the background');
    }
    const base = new RedisAdapter<any>({ instance: redis });
    return {
      kind: 'redis',
      sessions: validated(prefixed(base, 'enclave:s:')),
      conversations: prefixed(base, 'enclave:c:'),
      redis,
      close: async () => {
        try {
          await redis.quit();
        } catch {
          redis.disconnect();
        }
      },
    };
  }
  return {
    kind: 'file',
    sessions: validated(new FileAdapter<ChatSession>({ dirName: join(opts.dataDir, 'sessions') })),
    conversations: new FileAdapter<any>({ dirName: join(opts.dataDir, 'conversations') }),
    close: async () => {},
  };
}
