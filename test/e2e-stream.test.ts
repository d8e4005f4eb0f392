/**
 * End-to-end streaming: the real bot (grammY, runner, plugins) on the real services with the REAL
 * LLM advisor (LangChain ChatOpenAI → openai client over HTTP) whose "model" is a local
 * OpenAI-compatible server streaming a cited answer slowly, against the telegram-test-api emulator.
 * The answer must grow in one message through paced edits and end as the verified answer with
 * citations and buttons; a stream that breaks must end as the offline answer with a one-line note.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config';
import { createServices, type Services } from '../src/services';
import { fromServices } from '../src/chat/adapter';
import type { ChatServices } from '../src/chat/ports';
import { startBot, type StartedBot } from '../src/bot';
import { TELEGRAM_LIMIT } from '../src/bot/html';
import { DEFAULT_STREAM_INTERVAL_MS } from '../src/bot/stream';
import { Emulator, TEST_TOKEN, type BotMessage, type UserOptions } from './helpers/emulator';
import { captureLog, emulatorBotConfig } from './helpers/bot';
import { balanced, readCorpusText, unescape } from './helpers/html';
import { citedSentences, startStub, type ChatRequest, type Reply, type Stub } from './llm-stub';

const INTERVAL = DEFAULT_STREAM_INTERVAL_MS;
const LLM_TIMEOUT_MS = 15000;
/** Loopback jitter between the bot issuing a call and the emulator recording it. */
const JITTER_MS = 25;

const corpusText = readCorpusText();

/** How the stub's model answers the next question. */
interface Plan {
  sentences: number;
  /** The sentences again and again, for an answer longer than one Telegram message. */
  repeat?: number;
  pieceDelayMs?: number;
  /** Break the stream halfway through the second sentence (the first has been shown by then). */
  fail?: 'drop' | 'hang';
}
let plan: Plan = { sentences: 6, pieceDelayMs: 60 };
/** The sentences (with citation markers) of the answer the stub streamed last. */
let streamed: string[] = [];

function script(req: ChatRequest): Reply {
  if (!req.messages.some((m) => m.role === 'tool')) {
    const q = /<user_question>\n([\s\S]*?)\n<\/user_question>/.exec(String(req.messages[1].content))![1];
    return { toolCalls: [{ name: 'retrieve_passages', arguments: JSON.stringify({ query: q, k: 5 }) }] };
  }
  const one = citedSentences(req).slice(0, plan.sentences);
  streamed = Array.from({ length: plan.repeat ?? 1 }, () => one).flat();
  // Paragraphs of three sentences, as a model would write them.
  const content = streamed.map((s, i) => (i > 0 && i % 3 === 0 ? `\n\n${s}` : s)).join('');
  const failAfter = plan.fail ? { chars: streamed[0].length + Math.floor(streamed[1].length / 2), how: plan.fail } : undefined;
  return { content, pieceDelayMs: plan.pieceDelayMs, failAfter };
}

/** sendMessage calls as they reach the emulator (the stored message is overwritten by later edits). */
const sends: Array<{ chatId: string; text: string; at: number }> = [];
function tapSends(e: Emulator): void {
  const app = e.server.webServer;
  const stack: any[] = app._router.stack;
  const before = stack.length;
  app.all('/bot:token/sendMessage', (req: any, _res: any, next: any) => {
    sends.push({ chatId: String(req.body.chat_id), text: String(req.body.text), at: Date.now() });
    next();
  });
  const added = stack.splice(before, stack.length - before);
  stack.splice(stack.findIndex((l) => l.route), 0, ...added);
}

let emu: Emulator;
let stub: Stub;
let services: Services;
let useOffline = false;
let dataDir: string;
let indexDir: string;
let bot: StartedBot | undefined;
const logLines: string[] = [];

function config(): Config {
  return emulatorBotConfig(emu, { dataDir, indexDir }, {
    LOG_LEVEL: 'info',
    OPENAI_API_KEY: 'sk-dummy-stream-test',
    OPENAI_BASE_URL: stub.baseURL,
    OPENAI_MODEL: 'stub-model',
    LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'enclave-stream-data-'));
  indexDir = mkdtempSync(join(tmpdir(), 'enclave-stream-index-'));
  emu = await Emulator.start();
  tapSends(emu);
  stub = await startStub(script);
  services = await createServices(config(), { log: (m) => void logLines.push(m) });
  const real = fromServices(services);
  // The same bot can be switched to the offline advisor, to check it keeps its non-streaming behaviour.
  const chat: ChatServices = { ...real, ask: (q, o) => (useOffline ? services.offlineAdvisor.ask(q, o) : real.ask(q, o)) };
  const { log } = captureLog([TEST_TOKEN, 'sk-dummy-stream-test'], logLines);
  bot = await startBot(config(), chat, { log, throttle: false, retry: { maxRetryAttempts: 2, maxDelaySeconds: 2 } });
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await stub?.close();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(indexDir, { recursive: true, force: true });
});

const hasSourcesButton = (m: BotMessage) => m.buttons.some((b) => b.callback_data.startsWith('src:'));
const hasFollowUp = (m: BotMessage) => m.buttons.some((b) => b.callback_data === 'fu');

function editsOf(chatId: number, messageId?: number) {
  return emu.calls.filter((c) => c.method === 'editMessageText' && String(c.body.chat_id) === String(chatId) && (messageId === undefined || Number(c.body.message_id) === messageId));
}

const markupOf = (body: any) => (typeof body.reply_markup === 'string' ? JSON.parse(body.reply_markup) : body.reply_markup);
const callbackData = (body: any) => ((markupOf(body)?.inline_keyboard ?? []) as any[]).flat().map((b: any) => b.callback_data);

/** Sends a question and waits until the answer is final (its follow-up button is there). */
async function askAndWait(u: UserOptions, text: string): Promise<{ msgs: BotMessage[]; sent: typeof sends; ms: number }> {
  const t0 = Date.now();
  const n = sends.length;
  const msgs = await emu.ask(u, text, (m) => hasFollowUp(m[m.length - 1]));
  return { msgs, sent: sends.slice(n).filter((x) => x.chatId === String(u.userId)), ms: Date.now() - t0 };
}

/** The streamed texts: what the first send showed, then each partial edit; all marked as still growing. */
function checkGrowing(texts: string[]): string[] {
  for (const g of texts) expect(g.endsWith(' …')).toBe(true);
  const visible = texts.map((g) => unescape(g.slice(0, -2)));
  for (let i = 1; i < visible.length; i++) {
    expect(visible[i].length).toBeGreaterThan(visible[i - 1].length);
    expect(visible[i].startsWith(visible[i - 1])).toBe(true);
  }
  // Only verified model text: the streamed sentences with their citation markers.
  for (const v of visible) for (const sentence of v.split(/(?<=\])/).map((x) => x.trim()).filter(Boolean)) expect(streamed).toContain(sentence);
  return visible;
}

/** The answer was streamed and then replaced: the offline answer with the one-line note in italics. */
function checkFallback(u: UserOptions, r: { msgs: BotMessage[]; sent: typeof sends; ms: number }, note: RegExp): void {
  const first = r.msgs[0];
  // The first sentence was shown while the model was still writing…
  expect(r.sent[0].text.endsWith(' …')).toBe(true);
  expect(unescape(r.sent[0].text)).toContain(streamed[0].replace(/\[\d+\]$/, ''));
  // …and the message was then replaced by the offline answer: nothing half-written is left.
  expect(editsOf(u.userId, first.messageId).length).toBeGreaterThanOrEqual(1);
  const all = r.msgs.map((m) => m.text);
  for (const h of all) {
    expect(h.endsWith(' …')).toBe(false);
    expect(balanced(h)).toBe(true);
    expect(h.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
  }
  const html = all.join('\n');
  expect(html).toMatch(new RegExp(`<i>[^<]*${note.source}[^<]*</i>`));
  expect(unescape(html)).toContain('出处'); // the offline answer is cited too
  expect(hasFollowUp(r.msgs[r.msgs.length - 1])).toBe(true);
  expect(logLines.some((l) => l.includes('llm answer fell back'))).toBe(true);
}

describe('streaming LLM answers into Telegram', () => {
  it('one message grows through paced edits, then becomes the verified answer with citations and buttons', async () => {
    const u: UserOptions = { userId: 2001, languageCode: 'zh-hans' };
    plan = { sentences: 6, pieceDelayMs: 60 };
    const before = stub.requests.length;
    const r = await askAndWait(u, '什么是消薄飞地？');
    expect(stub.requests.slice(before).some((q) => q.stream)).toBe(true);

    // One message, sent once and edited in place.
    expect(r.msgs).toHaveLength(1);
    expect(r.sent).toHaveLength(1);
    const msg = r.msgs[0];
    const edits = editsOf(u.userId, msg.messageId);
    const final = edits[edits.length - 1];
    const partials = edits.slice(0, -1).map((e) => String(e.body.text));
    expect(partials.length).toBeGreaterThanOrEqual(2);
    const visible = checkGrowing([r.sent[0].text, ...partials]);

    // Paced: the send and every edit of the message at least the interval apart.
    const times = [r.sent[0].at, ...edits.map((e) => e.at)];
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(INTERVAL - JITTER_MS);
    // Partial edits carry no buttons; the final one does.
    for (const e of edits.slice(0, -1)) expect(callbackData(e.body)).toEqual([]);

    // The final edit: the whole verified answer, numbered citations, the sources and follow-up buttons.
    const html = String(final.body.text);
    expect(html).toBe(msg.text);
    expect(html.endsWith(' …')).toBe(false);
    expect(balanced(html)).toBe(true);
    const text = unescape(html);
    expect(text).toContain('出处');
    expect(text).toMatch(/\[1\]/);
    expect(text.length).toBeGreaterThan(visible[visible.length - 1].length);
    for (const s of streamed) expect(text).toContain(s.replace(/\[\d+\]$/, ''));
    expect(callbackData(final.body)).toEqual([expect.stringMatching(/^src:/), 'fu']);
    expect(hasSourcesButton(msg)).toBe(true);
    expect(logLines.some((l) => l.includes('"event":"llm_answer"') && l.includes('"via":"llm"'))).toBe(true);

    // The sources button shows the quoted passages, verbatim from the corpus.
    const n = emu.botMessages(u.userId).length;
    const editsBefore = edits.length;
    await emu.press(u, msg, msg.buttons.find((b) => b.callback_data.startsWith('src:'))!.callback_data);
    const deadline = Date.now() + 10_000;
    while (editsOf(u.userId, msg.messageId).length === editsBefore && Date.now() < deadline) await new Promise((res) => setTimeout(res, 25));
    expect(emu.botMessages(u.userId)).toHaveLength(n);
    const shown = emu.botMessages(u.userId).find((m) => m.messageId === msg.messageId)!;
    const quotes = [...shown.text.matchAll(/<blockquote><b>\[\d+\] <\/b>([^<]+)<i>/g)].map((m) => unescape(m[1]));
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(corpusText).toContain(q);
  }, 60_000);

  it('a connection dropped mid-stream: the streamed message becomes the offline answer with a one-line note', async () => {
    const u: UserOptions = { userId: 2002, languageCode: 'zh-hans' };
    plan = { sentences: 6, pieceDelayMs: 40, fail: 'drop' };
    const r = await askAndWait(u, '什么是消薄飞地？');
    expect(r.ms).toBeLessThan(LLM_TIMEOUT_MS);
    checkFallback(u, r, /以下为离线检索答案/);
  }, 60_000);

  it('a model that goes silent mid-stream: the offline answer within LLM_TIMEOUT_MS, no hang', async () => {
    const u: UserOptions = { userId: 2003, languageCode: 'zh-hans' };
    plan = { sentences: 6, pieceDelayMs: 40, fail: 'hang' };
    const r = await askAndWait(u, '什么是消薄飞地？');
    expect(r.ms).toBeGreaterThanOrEqual(LLM_TIMEOUT_MS - 100);
    expect(r.ms).toBeLessThan(LLM_TIMEOUT_MS + 5000);
    checkFallback(u, r, /大模型未能在时限内回答/);
  }, 60_000);

  it('an answer longer than one message: the streamed message takes the first part, the rest follows, buttons under the last', async () => {
    const u: UserOptions = { userId: 2004, languageCode: 'zh-hans' };
    plan = { sentences: 8, repeat: 14 };
    const r = await askAndWait(u, '什么是消薄飞地？');
    const expected = streamed.map((s) => s.replace(/\[\d+\]$/, ''));
    expect(expected.join('').length).toBeGreaterThan(TELEGRAM_LIMIT);
    expect(r.msgs.length).toBeGreaterThanOrEqual(2);
    expect(r.sent.length).toBe(r.msgs.length); // the streamed one plus the further parts, nothing else
    const firstEdits = editsOf(u.userId, r.msgs[0].messageId);
    expect(firstEdits.length).toBeGreaterThanOrEqual(1);
    for (const m of r.msgs) {
      expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
      expect(balanced(m.text)).toBe(true);
      expect(m.text.endsWith(' …')).toBe(false);
    }
    for (const m of r.msgs.slice(0, -1)) expect(m.buttons).toEqual([]);
    expect(r.msgs[r.msgs.length - 1].buttons.map((b) => b.callback_data)).toEqual([expect.stringMatching(/^src:/), 'fu']);
    const text = unescape(r.msgs.map((m) => m.text).join('\n'));
    for (const s of new Set(expected)) expect(text).toContain(s);
    expect(text).toContain('出处');
  }, 60_000);

  it('the offline advisor (no streaming) keeps its behaviour: one message sent, never edited', async () => {
    const u: UserOptions = { userId: 2005, languageCode: 'zh-hans' };
    useOffline = true;
    try {
      const edits = editsOf(u.userId).length;
      const r = await askAndWait(u, '什么是消薄飞地？');
      await new Promise((res) => setTimeout(res, 300));
      expect(editsOf(u.userId)).toHaveLength(edits);
      expect(r.sent).toHaveLength(r.msgs.length);
      expect(r.sent[0].text.endsWith(' …')).toBe(false);
      expect(unescape(r.msgs.map((m) => m.text).join('\n'))).toContain('出处');
      expect(emu.calls.some((c) => c.method === 'deleteMessage')).toBe(false);
    } finally {
      useOffline = false;
    }
  }, 60_000);
});
