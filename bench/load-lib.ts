/**
 * Shared by `npm run bench:load` (bench/load.ts) and the short burst test (test/load-burst.test.ts):
 * - the traffic: per-user scripts of questions (zh/en), chat-text splits, mode requests, commands,
 *   button presses and guided /split forms, each item with what its answer must look like;
 * - the wire tap: every Bot API call the bot makes, recorded on the emulator side, tagged with the
 *   update it was made for (the bot side adds `_u` through `tagReplies`);
 * - the verdict: every update handled exactly once, answered as expected, in order per chat, no
 *   error replies.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Bot, Context } from 'grammy';

// ---------------------------------------------------------------------------------------------
// Bot side: tag every outgoing API call with the update being handled.

/**
 * Every API call made while an update is handled carries `_u: update_id` (Telegram ignores unknown
 * parameters; the emulator stores them). Call after the bot is created, before traffic arrives.
 */
export function tagReplies(bot: Bot<any>): void {
  const als = new AsyncLocalStorage<number>();
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = (update, webhookReply) => als.run(update.update_id, () => handle(update, webhookReply));
  bot.api.config.use((prev, method, payload, signal) => {
    const id = als.getStore();
    return prev(method, (id === undefined ? payload : { ...(payload as object), _u: id }) as typeof payload, signal);
  });
}

// ---------------------------------------------------------------------------------------------
// Emulator side: the wire tap, and faults injected ahead of the emulator's routes.

export interface TappedCall {
  seq: number;
  method: string;
  chatId?: string;
  u?: number;
  body: any;
  at: number;
}

/** Inserts middleware ahead of the emulator's routes (after its body parsers). */
export function insertAhead(emu: { server: any }, fn: (req: any, res: any, next: () => void) => void): void {
  const app = emu.server.webServer;
  const stack: any[] = app._router.stack;
  const before = stack.length;
  app.use(fn);
  const added = stack.splice(before, stack.length - before);
  const firstRoute = stack.findIndex((l) => l.route);
  stack.splice(firstRoute, 0, ...added);
}

/** Records every Bot API call; `onCall` sees each one as it arrives. */
export function tapCalls(emu: { server: any }, onCall: (c: TappedCall) => void): void {
  let seq = 0;
  insertAhead(emu, (req, _res, next) => {
    const m = /^\/bot[^/]+\/(\w+)/.exec(req.path ?? '');
    if (m && m[1] !== 'getUpdates') {
      const body = { ...(req.query ?? {}), ...(req.body ?? {}) };
      const u = body._u === undefined ? undefined : Number(body._u);
      onCall({ seq: seq++, method: m[1], chatId: body.chat_id === undefined ? undefined : String(body.chat_id), u, body, at: Date.now() });
    }
    next();
  });
}

// ---------------------------------------------------------------------------------------------
// Traffic.

export type Kind = 'ask' | 'split' | 'mode' | 'command' | 'press' | 'form';

export interface Expect {
  /** sendMessage calls: an exact count, at least one, or any number (the sources button may resend). */
  sends: number | 'some' | 'any';
  /** editMessageText / editMessageReplyMarkup calls at least this many (the sources button). */
  edits?: number;
  /** Exactly one message carries the follow-up button (one answer, however many parts). */
  oneAnswer?: boolean;
  /** Text that must appear in the replies (numbers: language-independent). */
  contains?: string;
}

export interface Item {
  kind: Kind;
  /** Text to send (a message or command)… */
  text?: string;
  /** …or callback data of a button to press. */
  data?: string;
  expect: Expect;
}

export interface Planned extends Item {
  userId: number;
  chatId: number;
  index: number;
  updateId?: number;
  sentAt?: number;
}

const QUESTIONS_ZH = ['什么是消薄飞地？', '飞地接力是什么？', '反向飞地有什么作用？', '飞地经济的税收如何分成？', '山海协作飞地怎么建设？', '什么是科创飞地？', '飞地园区的管理体制是什么？', '飞地经济面临哪些问题？'];
const QUESTIONS_EN = ['What is a reverse enclave?', 'How are tax revenues shared between the two sides?', 'What is an enclave relay?', 'What problems do enclave parks face?', 'What is a xiaobo enclave?'];
const MODES_TEXT = [
  '杭州在衢州共建产业园，衢州提供土地，杭州企业投资设厂，把生产线转移过去',
  '山区县在杭州设研发飞地，成果回本地转化',
  '村集体把资金投到开发区的物业里，每年拿固定收益',
  'A mountain county sets up an R&D centre in Hangzhou and brings the results home for production',
];

function money(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A small deterministic PRNG (mulberry32), so a run can be repeated exactly. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One user's traffic generator: episodes that make sense in sequence (a question, then its sources
 * button, the follow-up button and a follow-up; a whole guided /split form…). The session's answer
 * counter is tracked so the sources button names a stored answer.
 */
export class UserScript {
  private asks = 0;
  private unique: number;
  private readonly rand: () => number;

  constructor(
    readonly userId: number,
    seed: number,
  ) {
    this.rand = rng(seed);
    this.unique = 100 + (userId % 1000) * 1000;
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  private ask(text: string): Item {
    this.asks++;
    return { kind: 'ask', text, expect: { sends: 'some', oneAnswer: true } };
  }

  private episodes(): Array<() => Item[]> {
    return [
      // A question in Chinese, its sources button, the follow-up button, a follow-up.
      () => {
        const a = this.ask(this.pick(QUESTIONS_ZH));
        const src: Item = { kind: 'press', data: `src:${this.asks.toString(36)}`, expect: { sends: 'any', edits: 1 } };
        const fu: Item = { kind: 'press', data: 'fu', expect: { sends: 1 } };
        return [a, src, fu, this.ask('那收益怎么分？')];
      },
      () => [this.ask(this.pick(QUESTIONS_EN))],
      () => [this.ask(`/ask ${this.pick(QUESTIONS_ZH)}`)],
      () => {
        const n = this.unique++;
        return [{ kind: 'split', text: `衢州 60% 杭州 40% 税收 ${n}万`, expect: { sends: 1, contains: money(n * 6000) } }];
      },
      () => [{ kind: 'mode', text: this.pick(MODES_TEXT), expect: { sends: 'some' } }],
      () => [{ kind: 'command', text: this.pick(['/help', '/sources', '/about']), expect: { sends: 1 } }],
      () => [{ kind: 'press', data: this.pick(['lang:en', 'lang:zh']), expect: { sends: 1 } }],
      () => [{ kind: 'press', data: 'ex:split', expect: { sends: 1, contains: '90,000,000.00' } }],
      // The guided /split form, every step.
      () => {
        const n = this.unique++;
        return [
          { kind: 'form', text: '/split', expect: { sends: 2 } },
          { kind: 'form', text: '甲, 乙', expect: { sends: 1 } },
          { kind: 'press', data: '1', expect: { sends: 1 } },
          { kind: 'form', text: '6:4', expect: { sends: 1 } },
          { kind: 'form', text: `${n}万`, expect: { sends: 1 } },
          { kind: 'form', text: '无', expect: { sends: 1 } },
          { kind: 'form', text: '无', expect: { sends: 1 } },
          { kind: 'form', text: '无', expect: { sends: 'some', contains: money(n * 6000) } },
        ];
      },
    ];
  }

  /** The next episode that fits in `room` items (a single-item one always fits). */
  next(room = Infinity): Item[] {
    const all = this.episodes();
    for (;;) {
      const i = Math.floor(this.rand() * all.length);
      // Build only the chosen episode (building advances the answer counter).
      const sizes = [4, 1, 1, 1, 1, 1, 1, 1, 8];
      if (sizes[i] <= room) return all[i]();
    }
  }

  /** Exactly `n` items, whole episodes only. */
  items(n: number): Item[] {
    const out: Item[] = [];
    while (out.length < n) out.push(...this.next(n - out.length));
    return out;
  }
}

/** The burst plan: `perUser` items for each user, interleaved round-robin (as a crowd would send them). */
export function burstPlan(users: number, total: number, seed = 1, firstUserId = 50_001): Planned[] {
  const scripts = Array.from({ length: users }, (_, i) => new UserScript(firstUserId + i, seed * 7919 + i));
  const per = Array.from({ length: users }, (_, i) => Math.floor(total / users) + (i < total % users ? 1 : 0));
  const lists = scripts.map((s, i) => s.items(per[i]));
  const plan: Planned[] = [];
  for (let k = 0; plan.length < total; k++) {
    for (let i = 0; i < users; i++) {
      const it = lists[i][k];
      if (it) plan.push({ ...it, userId: scripts[i].userId, chatId: scripts[i].userId, index: plan.length });
    }
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Sending through the emulator.

interface EmulatorLike {
  server: any;
  send(u: { userId: number; languageCode?: string }, text: string): Promise<void>;
  press(u: { userId: number }, msg: any, data: string): Promise<void>;
}

/** Sends one planned update; records the update_id the emulator gave it. */
export async function sendPlanned(emu: EmulatorLike, p: Planned): Promise<void> {
  const u = { userId: p.userId, languageCode: p.userId % 2 ? 'zh-hans' : 'en' };
  p.sentAt = Date.now();
  // The emulator stores the update synchronously, before the first await: read its id right
  // then, before a concurrent sender (the soak's users) can add another.
  const sent = p.data !== undefined ? emu.press(u, { messageId: 1, chatId: p.chatId, text: 'x', buttons: [], raw: {} }, p.data) : emu.send(u, p.text!);
  const msgs: any[] = emu.server.storage.userMessages;
  p.updateId = msgs[msgs.length - 1].updateId;
  await sent;
}

// ---------------------------------------------------------------------------------------------
// The verdict.

export interface Handled {
  update_id: number;
  outcome: string;
  intent?: string;
  ms: number;
}

export interface Verdict {
  problems: string[];
  answered: number;
  handledTwice: number;
  unhandled: number;
  outOfOrder: number;
  errorReplies: number;
}

const APOLOGY = /抱歉，处理这条消息时出错了|Sorry, something went wrong|消息太频繁|Too many messages/;
const SEND = new Set(['sendMessage']);
const EDIT = new Set(['editMessageText', 'editMessageReplyMarkup']);

/**
 * Checks each planned update against its handling log lines and the tapped calls: handled exactly
 * once with no error, answered as expected, and per chat, the replies come in the order sent.
 */
export function verify(plan: Planned[], calls: TappedCall[], handled: Handled[]): Verdict {
  const problems: string[] = [];
  const byUpdate = new Map<number, TappedCall[]>();
  for (const c of calls) if (c.u !== undefined) (byUpdate.get(c.u) ?? byUpdate.set(c.u, []).get(c.u)!).push(c);
  const logCount = new Map<number, Handled[]>();
  for (const h of handled) (logCount.get(h.update_id) ?? logCount.set(h.update_id, []).get(h.update_id)!).push(h);

  let answered = 0;
  let handledTwice = 0;
  let unhandled = 0;
  let errorReplies = 0;
  const say = (p: Planned, what: string) => problems.length < 50 && problems.push(`user ${p.userId} #${p.index} (${p.kind} ${JSON.stringify(p.text ?? p.data)}), update ${p.updateId}: ${what}`);

  for (const p of plan) {
    const logs = logCount.get(p.updateId!) ?? [];
    if (logs.length === 0) {
      unhandled++;
      say(p, 'never handled');
      continue;
    }
    if (logs.length > 1) {
      handledTwice++;
      say(p, `handled ${logs.length} times`);
    }
    if (logs.some((l) => l.outcome === 'error' || l.outcome === 'rate_limited')) say(p, `outcome ${logs.map((l) => l.outcome).join(',')}`);
    const mine = byUpdate.get(p.updateId!) ?? [];
    const sends = mine.filter((c) => SEND.has(c.method));
    const edits = mine.filter((c) => EDIT.has(c.method));
    const texts = [...sends, ...edits].map((c) => String(c.body.text ?? ''));
    if (texts.some((t) => APOLOGY.test(t))) {
      errorReplies++;
      say(p, 'error reply');
    }
    let ok = true;
    if (p.expect.sends === 'some' ? sends.length === 0 : p.expect.sends !== 'any' && sends.length !== p.expect.sends) {
      ok = false;
      say(p, `${sends.length} messages sent, expected ${p.expect.sends}`);
    }
    if (p.expect.edits !== undefined && edits.length < p.expect.edits) {
      ok = false;
      say(p, `${edits.length} edits, expected ${p.expect.edits}`);
    }
    if (p.expect.oneAnswer) {
      const withFollowUp = sends.filter((c) => /"callback_data":"fu"/.test(typeof c.body.reply_markup === 'string' ? c.body.reply_markup : JSON.stringify(c.body.reply_markup ?? {})));
      if (withFollowUp.length !== 1) {
        ok = false;
        say(p, `${withFollowUp.length} answers, expected exactly 1`);
      }
    }
    if (p.expect.contains && !texts.some((t) => t.includes(p.expect.contains!))) {
      ok = false;
      say(p, `reply lacks ${p.expect.contains}: ${JSON.stringify(texts.map((t) => t.slice(0, 120)))}`);
    }
    if (ok) answered++;
  }

  // Per chat: replies (messages and edits) arrive in the order the updates were sent, and each
  // update's replies are contiguous (no interleaving with the next update's).
  let outOfOrder = 0;
  const planned = new Set(plan.map((p) => p.updateId));
  const chats = new Map<string, TappedCall[]>();
  for (const c of calls) if (c.chatId && c.u !== undefined && planned.has(c.u) && (SEND.has(c.method) || EDIT.has(c.method))) (chats.get(c.chatId) ?? chats.set(c.chatId, []).get(c.chatId)!).push(c);
  for (const [chat, list] of chats) {
    for (let i = 1; i < list.length; i++) {
      if (list[i].u! < list[i - 1].u!) {
        outOfOrder++;
        if (problems.length < 50) problems.push(`chat ${chat}: reply for update ${list[i].u} came after one for ${list[i - 1].u}`);
      }
    }
  }
  // And the handling order per chat follows the update order.
  const chatOf = new Map(plan.map((p) => [p.updateId!, p.chatId]));
  const lastHandled = new Map<number, number>();
  for (const h of handled) {
    const chat = chatOf.get(h.update_id);
    if (chat === undefined) continue;
    const prev = lastHandled.get(chat);
    if (prev !== undefined && h.update_id < prev) {
      outOfOrder++;
      if (problems.length < 50) problems.push(`chat ${chat}: update ${h.update_id} finished after ${prev}`);
    }
    lastHandled.set(chat, h.update_id);
  }
  return { problems, answered, handledTwice, unhandled, outOfOrder, errorReplies };
}

export function percentile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Least-squares slope of y over x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : NaN;
}

export type { Context };
