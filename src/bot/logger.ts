/**
 * Structured logs (pino) that never carry a secret: known secrets (bot token, API keys, webhook
 * secret, Redis password) and anything shaped like a bot token are replaced in the final line,
 * whatever field they hide in.
 */
import { createHash, createHmac } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config';

const TOKEN_SHAPE = /\d{6,}:[A-Za-z0-9_-]{30,}/g;

export function secretsOf(config: Partial<Config>): string[] {
  const out = [config.TELEGRAM_BOT_TOKEN, config.OPENAI_API_KEY, config.WEBHOOK_SECRET];
  if (config.REDIS_URL) {
    try {
      const u = new URL(config.REDIS_URL);
      if (u.password) out.push(decodeURIComponent(u.password), u.password);
    } catch {
      // a malformed URL was already reported by loadConfig
    }
  }
  return out.filter((s): s is string => typeof s === 'string' && s.length >= 6);
}

/** Replaces every secret (and anything token-shaped) in a string. */
export function scrub(text: string, secrets: string[]): string {
  let s = text;
  for (const secret of secrets) s = s.split(secret).join('[REDACTED]');
  return s.replace(TOKEN_SHAPE, '[REDACTED]');
}

/**
 * Pseudonyms for logs. A Telegram id has about ten digits, so a plain hash of it is reversed by
 * trying them all; an HMAC under a key derived from a secret (the bot token) is not.
 */
export function keyedHash(secret: string): (value: string) => string {
  const key = createHash('sha256').update(`enclave-advisor log pseudonyms\0${secret}`).digest();
  return (value) => createHmac('sha256', key).update(value).digest('hex').slice(0, 16);
}

export type UserHasher = (id: number | undefined) => string | undefined;

export function userHasher(secret: string): UserHasher {
  const h = keyedHash(secret);
  return (id) => (id === undefined ? undefined : h(String(id)));
}

export function createLogger(opts: { level?: string; secrets?: string[]; destination?: DestinationStream } = {}): Logger {
  const secrets = opts.secrets ?? [];
  return pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'enclave-advisor' },
      redact: { paths: ['token', '*.token', 'apiKey', '*.apiKey', 'config.TELEGRAM_BOT_TOKEN', 'config.OPENAI_API_KEY', 'config.WEBHOOK_SECRET', 'headers.authorization', '*.headers.authorization'], censor: '[REDACTED]' },
      hooks: { streamWrite: (line: string) => scrub(line, secrets) },
      serializers: { err: pino.stdSerializers.err },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
