#!/usr/bin/env tsx
/**
 * `npm run bench:load [-- --updates 1000 --users 50] [--soak SECONDS] [--throttle] [--seed N]`
 *
 * Burst (default): the bot runs as its own process (bench/load-bot.ts: the real bot, file sessions,
 * polling through the runner) against the telegram-test-api emulator on loopback. All updates
 * (questions zh/en, chat-text splits, mode requests, commands, button presses, guided /split
 * forms) are queued at once; then every update must be handled exactly once, answered as
 * expected, replies in order per chat, no error replies. Prints handling time p50/p95 (the bot's
 * own per-update log line), latency from send to handled, throughput, and the bot's peak RSS.
 *
 * Soak (--soak SECONDS): users talk in a closed loop (each waits for the answer, thinks 0.5–2.5 s,
 * sends the next; one in ten episodes comes from a new user) for SECONDS, then stops by itself.
 * Prints the bot's RSS and heap every 30 s and their least-squares slope after the first minute.
 *
 * --throttle runs the bot with its production outgoing throttle (transformer-throttler), which
 * models Telegram's flood limits; by default it is off so the figures are the bot's own work.
 * Exit code 1 when the verdict finds a problem (never because of a slow figure).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Emulator, TEST_TOKEN } from '../test/helpers/emulator';
import { burstPlan, percentile, rng, sendPlanned, slope, tapCalls, UserScript, verify, type Handled, type Planned, type TappedCall } from './load-lib';

const { values: args } = parseArgs({
  options: {
    updates: { type: 'string', default: '1000' },
    users: { type: 'string', default: '50' },
    soak: { type: 'string' },
    seed: { type: 'string', default: '1' },
    throttle: { type: 'boolean', default: false },
  },
});

const MB = 1024 * 1024;
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

interface BotProc {
  pid: number;
  handled: Handled[];
  handledAt: Map<number, number>;
  mem: Array<{ t: number; rss: number; heapUsed: number }>;
  logErrors: string[];
  onHandled?: (h: Handled) => void;
  ready: Promise<void>;
  stop(): Promise<number | undefined>;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function startBotProcess(emu: Emulator, dataDir: string, indexDir: string, memEveryMs: number): BotProc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load-bot.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: emu.apiRoot,
      DATA_DIR: dataDir,
      INDEX_DIR: indexDir,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'info',
      LOAD_MEM_EVERY_MS: String(memEveryMs),
      ...(args.throttle ? { LOAD_THROTTLE: '1' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const t0 = Date.now();
  const proc: BotProc = {
    pid: child.pid!,
    handled: [],
    handledAt: new Map(),
    mem: [],
    logErrors: [],
    ready: undefined as unknown as Promise<void>,
    stop: async () => {
      const maxRss = new Promise<number | undefined>((resolve) => {
        let seen: number | undefined;
        lines.on('line', (l) => {
          if (l.includes('"load bot stopped"')) seen = JSON.parse(l).maxRss;
        });
        child.on('exit', () => resolve(seen));
      });
      child.kill('SIGTERM');
      return maxRss;
    },
  };
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout });
  proc.ready = new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`bot process exited (${code}): ${stderr.slice(-500)}`)));
    lines.on('line', (line) => {
      let l: any;
      try {
        l = JSON.parse(line);
      } catch {
        return;
      }
      if (l.msg === 'update') {
        const h: Handled = { update_id: l.update_id, outcome: l.outcome, intent: l.intent, ms: l.ms };
        proc.handled.push(h);
        proc.handledAt.set(l.update_id, Date.now());
        proc.onHandled?.(h);
      } else if (l.msg === 'mem') proc.mem.push({ t: (Date.now() - t0) / 1000, rss: l.rss, heapUsed: l.heapUsed });
      else if (l.msg === 'load bot ready') resolve();
      else if (l.level >= 50) proc.logErrors.push(line.slice(0, 300));
    });
  });
  return proc;
}

function report(title: string, plan: Planned[], calls: TappedCall[], bot: BotProc, wallMs: number): boolean {
  const v = verify(plan, calls, bot.handled);
  const ids = new Set(plan.map((p) => p.updateId));
  const ms = bot.handled.filter((h) => ids.has(h.update_id)).map((h) => h.ms);
  const e2e = plan.filter((p) => bot.handledAt.has(p.updateId!)).map((p) => bot.handledAt.get(p.updateId!)! - p.sentAt!);
  const kinds = plan.reduce<Record<string, number>>((a, p) => ((a[p.kind] = (a[p.kind] ?? 0) + 1), a), {});
  console.log(`\n== ${title} ==`);
  console.log(`updates            ${plan.length} from ${new Set(plan.map((p) => p.userId)).size} users  (${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')})`);
  console.log(`answered as expected  ${v.answered}/${plan.length}   handled twice ${v.handledTwice}   never handled ${v.unhandled}   out of order ${v.outOfOrder}   error replies ${v.errorReplies}`);
  console.log(`handling time (bot)   p50 ${fmt(percentile(ms, 0.5))} ms   p95 ${fmt(percentile(ms, 0.95))} ms   p99 ${fmt(percentile(ms, 0.99))} ms   max ${fmt(Math.max(...ms))} ms`);
  console.log(`send → handled        p50 ${fmt(percentile(e2e, 0.5), 0)} ms   p95 ${fmt(percentile(e2e, 0.95), 0)} ms   (includes queueing behind the burst)`);
  console.log(`wall time             ${fmt(wallMs / 1000, 2)} s   throughput ${fmt(plan.length / (wallMs / 1000))} updates/s   API calls ${calls.length}`);
  if (bot.logErrors.length) console.log(`error log lines       ${bot.logErrors.length}; first: ${bot.logErrors[0]}`);
  for (const p of v.problems.slice(0, 20)) console.log(`  PROBLEM ${p}`);
  return v.problems.length === 0 && bot.logErrors.length === 0;
}

async function waitHandled(bot: BotProc, ids: Set<number | undefined>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.handled.filter((h) => ids.has(h.update_id)).length >= ids.size) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 500)); // a duplicate or a late reply would show up now
}

async function burst(emu: Emulator, bot: BotProc, calls: TappedCall[]): Promise<boolean> {
  const updates = Number(args.updates);
  const users = Number(args.users);
  const plan = burstPlan(users, updates, Number(args.seed));
  const rssBefore = statusKb(bot.pid, 'VmRSS') ?? 0;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, statusKb(bot.pid, 'VmRSS') ?? 0)), 100);
  const t0 = Date.now();
  for (const p of plan) await sendPlanned(emu, p);
  const queuedMs = Date.now() - t0;
  await waitHandled(bot, new Set(plan.map((p) => p.updateId)), 300_000);
  const lastHandled = Math.max(...plan.map((p) => bot.handledAt.get(p.updateId!) ?? 0));
  clearInterval(sampler);
  const ok = report(`burst: ${updates} updates from ${users} users, queued in ${queuedMs} ms`, plan, calls, bot, lastHandled - t0);
  const hwm = statusKb(bot.pid, 'VmHWM') ?? 0;
  console.log(`bot RSS               before ${fmt(rssBefore / MB)} MB   peak during burst ${fmt(peak / MB)} MB   process peak (VmHWM) ${fmt(hwm / MB)} MB   after ${fmt((statusKb(bot.pid, 'VmRSS') ?? 0) / MB)} MB`);
  return ok;
}

async function soak(emu: Emulator, bot: BotProc, calls: TappedCall[], seconds: number): Promise<boolean> {
  const users = Number(args.users);
  const rand = rng(Number(args.seed) * 31);
  const plan: Planned[] = [];
  const waiting = new Map<number, () => void>();
  bot.onHandled = (h) => {
    waiting.get(h.update_id)?.();
    waiting.delete(h.update_id);
  };
  const t0 = Date.now();
  const end = t0 + seconds * 1000;
  let nextUserId = 70_001;
  let freshUsers = 0;

  async function user(): Promise<void> {
    let script = new UserScript(nextUserId++, Math.floor(rand() * 1e9));
    while (Date.now() < end) {
      for (const item of script.next()) {
        const p: Planned = { ...item, userId: script.userId, chatId: script.userId, index: plan.length };
        plan.push(p);
        await sendPlanned(emu, p);
        // Single-threaded: the answer's log line is either already in, or arrives after this.
        if (!bot.handledAt.has(p.updateId!)) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 60_000); // the verdict reports it if it never comes
            waiting.set(p.updateId!, () => (clearTimeout(timer), resolve()));
          });
        }
        await new Promise((r) => setTimeout(r, 500 + rand() * 2000));
      }
      if (rand() < 0.1) {
        script = new UserScript(nextUserId++, Math.floor(rand() * 1e9));
        freshUsers++;
      }
    }
  }

  // Keep the emulator's own storage small (it would otherwise hold every message for the run).
  const pruner = setInterval(() => {
    const s = emu.server.storage;
    s.userMessages = s.userMessages.filter((m: any) => !m.isRead);
    s.botMessages = [];
  }, 5000);
  const printer = setInterval(() => {
    const m = bot.mem.at(-1);
    if (m) console.log(`  t=${fmt((Date.now() - t0) / 1000, 0).padStart(4)} s   rss ${fmt(m.rss / MB).padStart(6)} MB   heap ${fmt(m.heapUsed / MB).padStart(6)} MB   updates ${plan.length}`);
  }, 30_000);
  console.log(`\n== soak: ${users} users in a closed loop for ${seconds} s ==`);
  await Promise.all(Array.from({ length: users }, () => user()));
  clearInterval(printer);
  clearInterval(pruner);
  await waitHandled(bot, new Set(plan.map((p) => p.updateId)), 60_000);
  const ok = report(`soak: ${seconds} s, ${users} concurrent users (${users + freshUsers} distinct)`, plan, calls, bot, Date.now() - t0);
  // Warm-up: the first quarter (at least a minute) — V8 lets the heap grow before its first
  // major collections, which would otherwise read as a steep negative slope.
  const warmup = Math.max(60, seconds / 4);
  const warm = bot.mem.filter((m) => m.t >= warmup);
  const half = bot.mem.filter((m) => m.t >= seconds / 2);
  const perMin = (xs: typeof warm, key: 'rss' | 'heapUsed') => slope(xs.map((m) => m.t / 60), xs.map((m) => m[key] / MB));
  const rssVals = warm.map((m) => m.rss / MB);
  console.log(`RSS after warm-up     min ${fmt(Math.min(...rssVals))} MB   max ${fmt(Math.max(...rssVals))} MB   last ${fmt(rssVals.at(-1)!)} MB   (${warm.length} samples, every 10 s)`);
  console.log(`slope after ${fmt(warmup, 0)} s     RSS ${fmt(perMin(warm, 'rss'), 2)} MB/min   heap ${fmt(perMin(warm, 'heapUsed'), 2)} MB/min   (least squares)`);
  console.log(`slope, second half   RSS ${fmt(perMin(half, 'rss'), 2)} MB/min   heap ${fmt(perMin(half, 'heapUsed'), 2)} MB/min`);
  return ok;
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'enclave-load-data-'));
  const indexDir = mkdtempSync(join(tmpdir(), 'enclave-load-index-'));
  const emu = await Emulator.start();
  const calls: TappedCall[] = [];
  // Keep only what the verdict reads: the full bodies of a long soak would weigh on this process.
  tapCalls(emu, (c) => {
    if (c.method === 'sendChatAction' || c.method === 'setMyCommands') return;
    const markup = c.body.reply_markup;
    calls.push({ ...c, body: { text: c.body.text, reply_markup: markup && /"fu"/.test(typeof markup === 'string' ? markup : JSON.stringify(markup)) ? '{"callback_data":"fu"}' : undefined } });
  });
  const soakSeconds = args.soak ? Number(args.soak) : undefined;
  if (soakSeconds !== undefined && !(soakSeconds > 0)) throw new Error('--soak needs a number of seconds, e.g. --soak 600');
  const bot = startBotProcess(emu, dataDir, indexDir, soakSeconds ? 10_000 : 1000);
  console.log(`bench:load — node ${process.version}, ${cpus().length} CPUs, bot pid ${bot.pid}, throttle ${args.throttle ? 'on (production settings)' : 'off'}`);
  let ok = false;
  try {
    await bot.ready;
    ok = soakSeconds ? await soak(emu, bot, calls, soakSeconds) : await burst(emu, bot, calls);
  } finally {
    const maxRss = await bot.stop();
    if (maxRss) console.log(`bot process max RSS (getrusage) ${fmt(maxRss / MB)} MB`);
    await emu.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(indexDir, { recursive: true, force: true });
  }
  console.log(ok ? '\nverdict: OK' : '\nverdict: PROBLEMS (see above)');
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`bench:load failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
