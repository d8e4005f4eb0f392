import { join } from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const positiveInt = (name: string, dflt: number) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return dflt;
      const n = Number(s);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a positive whole number, e.g. ${dflt}; got "${s}"` });
        return z.NEVER;
      }
      return n;
    });

/** Comma-separated numeric Telegram user ids → a set; undefined when empty. */
const userIds = (name: string) =>
  optionalString.transform((s, ctx) => {
    if (s === undefined) return undefined;
    const ids = s.split(/[\s,]+/).filter(Boolean);
    const bad = ids.filter((id) => !/^\d+$/.test(id));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `${name} must be numeric Telegram user ids separated by commas, e.g. 12345,67890; bad: ${bad.join(', ')}` });
      return z.NEVER;
    }
    return new Set(ids.map(Number));
  });

/** A webhook secret Telegram accepts: 1–256 of A-Z a-z 0-9 _ -; we ask for at least 16. */
const WEBHOOK_SECRET_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const url = (name: string, example: string) =>
  optionalString.refine((s) => s === undefined || /^https?:\/\/[^\s]+$/.test(s), {
    message: `${name} must be an http(s) URL, e.g. ${example}`,
  });

const modelName = (name: string, dflt: string) =>
  optionalString
    .refine((s) => s === undefined || /^[^\s]+$/.test(s), { message: `${name} must be a model name without spaces, e.g. ${dflt}` })
    .transform((s) => s ?? dflt);

/** Every setting the program reads. `.env.example` documents each one. */
export const ConfigSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalString.refine((s) => s === undefined || /^\d+:[\w-]{20,}$/.test(s), {
    message: 'TELEGRAM_BOT_TOKEN looks wrong: it is "<digits>:<35 characters>" as @BotFather gives it',
  }),
  TELEGRAM_API_ROOT: url('TELEGRAM_API_ROOT', 'http://127.0.0.1:9000'),
  WEBHOOK_URL: url('WEBHOOK_URL', 'https://bot.example.gov.cn/telegram'),
  WEBHOOK_SECRET: optionalString,
  PORT: positiveInt('PORT', 8080).refine((n) => n <= 65535, { message: 'PORT must be a TCP port number from 1 to 65535, e.g. 8080' }),
  ALLOWED_USER_IDS: userIds('ALLOWED_USER_IDS'),
  /** Who may add and remove documents through the bot (src/documents). Empty: nobody. */
  ADMIN_USER_IDS: userIds('ADMIN_USER_IDS'),
  REDIS_URL: optionalString.refine((s) => s === undefined || /^rediss?:\/\//.test(s), {
    message: 'REDIS_URL must look like redis://127.0.0.1:6379',
  }),
  DATA_DIR: z.string().default('data'),
  CORPUS_DIR: z.string().default('corpus'),
  INDEX_DIR: z.string().default('index'),
  /** Documents users added; default DATA_DIR/documents (see documentsDirOf). A shared folder for several instances. */
  DOCUMENTS_DIR: optionalString,
  /** How often a running bot checks DOCUMENTS_DIR for documents another process added or removed. */
  DOCUMENTS_POLL_SECONDS: positiveInt('DOCUMENTS_POLL_SECONDS', 30).refine((n) => n <= 60, { message: 'DOCUMENTS_POLL_SECONDS must be from 1 to 60 (instances must notice a change within a minute), e.g. 30' }),
  RATE_LIMIT_PER_MINUTE: positiveInt('RATE_LIMIT_PER_MINUTE', 20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENAI_API_KEY: optionalString.refine((s) => s === undefined || /^[\x21-\x7e]+$/.test(s), {
    message: 'OPENAI_API_KEY must be the key exactly as issued (printable ASCII, no spaces), e.g. sk-...',
  }),
  OPENAI_BASE_URL: url('OPENAI_BASE_URL', 'https://api.deepseek.com/v1'),
  OPENAI_MODEL: modelName('OPENAI_MODEL', 'gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: modelName('OPENAI_EMBEDDING_MODEL', 'text-embedding-3-small'),
  LLM_TIMEOUT_MS: positiveInt('LLM_TIMEOUT_MS', 20000),
}).superRefine((c, ctx) => {
  // A webhook without a secret accepts forged updates from anyone who finds the URL, with any
  // sender id: the allowlist would mean nothing. Telegram only posts to https URLs; plain http is
  // allowed on loopback (a local reverse proxy, the tests).
  if (!c.WEBHOOK_URL) return;
  let u: URL;
  try {
    u = new URL(c.WEBHOOK_URL);
  } catch {
    return; // already reported: not an http(s) URL
  }
  if (u.protocol !== 'https:' && !LOOPBACK_HOSTS.has(u.hostname))
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_URL'], message: 'WEBHOOK_URL must be an https:// URL (Telegram posts only to HTTPS), e.g. https://bot.example.gov.cn/telegram; http is accepted only for 127.0.0.1 or localhost' });
  if (!c.WEBHOOK_SECRET)
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'WEBHOOK_SECRET is required with WEBHOOK_URL: 16 or more characters from A-Z a-z 0-9 _ -, e.g. the output of `openssl rand -hex 24`' });
  else if (!WEBHOOK_SECRET_SHAPE.test(c.WEBHOOK_SECRET))
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'WEBHOOK_SECRET must be 16 to 256 characters from A-Z a-z 0-9 _ - (what Telegram accepts), e.g. the output of `openssl rand -hex 24`' });
});
export type Config = z.infer<typeof ConfigSchema>;

/** Where added documents live: DOCUMENTS_DIR, else DATA_DIR/documents. */
export function documentsDirOf(config: Pick<Config, 'DATA_DIR' | 'DOCUMENTS_DIR'>): string {
  return config.DOCUMENTS_DIR ?? join(config.DATA_DIR, 'documents');
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Bad configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws ConfigError with one clear line per bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)));
  }
  return parsed.data;
}
