/**
 * AnswerStream and ChatPacer on a recording fake of grammY's context: pacing shared by streams in
 * one chat, skipped unchanged edits, Telegram's "message is not modified", the final reply's
 * fallbacks, and abandoning a half answer. The real bot path is covered by e2e-stream.test.ts.
 */
import { GrammyError, type Context } from 'grammy';
import { describe, expect, it } from 'vitest';
import { AnswerStream, ChatPacer, partialHtml } from '../src/bot/stream';
import { TELEGRAM_LIMIT } from '../src/bot/html';
import type { Reply } from '../src/chat/types';

interface Call {
  method: 'send' | 'edit' | 'delete';
  chatId: number;
  messageId?: number;
  text?: string;
  markup?: unknown;
  at: number;
}

let nextId = 100;

function fakeCtx(chatId: number, calls: Call[], opts: { failEdit?: (text: string) => Error | undefined } = {}): Context {
  const next = () => ++nextId;
  const ctx = {
    chat: { id: chatId, type: 'private' },
    reply: async (text: string, other?: { reply_markup?: unknown }) => {
      calls.push({ method: 'send', chatId, text, markup: other?.reply_markup, at: Date.now() });
      return { message_id: next() };
    },
    api: {
      editMessageText: async (chat: number, messageId: number, text: string, other?: { reply_markup?: unknown }) => {
        await new Promise((r) => setTimeout(r, 5));
        const err = opts.failEdit?.(text);
        if (err) throw err;
        calls.push({ method: 'edit', chatId: chat, messageId, text, markup: other?.reply_markup, at: Date.now() });
        return true;
      },
      deleteMessage: async (chat: number, messageId: number) => {
        calls.push({ method: 'delete', chatId: chat, messageId, at: Date.now() });
        return true;
      },
    },
  };
  return ctx as unknown as Context;
}

const grammyError = (description: string) => new GrammyError(`Call to 'editMessageText' failed! (400: ${description})`, { ok: false, error_code: 400, description }, 'editMessageText', {});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const answer = (text: string): Reply => ({ blocks: [{ kind: 'p', parts: [text] }], buttons: [[{ label: 'More', action: 'fu' }]] });

describe('ChatPacer', () => {
  it('spaces the calls of one chat by the interval, other chats are not held up', async () => {
    const pacer = new ChatPacer(60);
    const t0 = Date.now();
    const times: Record<string, number[]> = { a: [], b: [] };
    await Promise.all([
      (async () => {
        for (let i = 0; i < 3; i++) {
          await pacer.wait(1);
          times.a.push(Date.now() - t0);
        }
      })(),
      (async () => {
        for (let i = 0; i < 3; i++) {
          await pacer.wait(1);
          times.a.push(Date.now() - t0);
        }
      })(),
      (async () => {
        await pacer.wait(2);
        times.b.push(Date.now() - t0);
      })(),
    ]);
    const a = times.a.sort((x, y) => x - y);
    expect(a).toHaveLength(6);
    for (let i = 1; i < a.length; i++) expect(a[i] - a[i - 1]).toBeGreaterThanOrEqual(55);
    expect(times.b[0]).toBeLessThan(30);
  });

  it('groups (negative chat ids) get the slower group pace', async () => {
    const pacer = new ChatPacer(20, Date.now, 90);
    expect(pacer.intervalFor(42)).toBe(20);
    expect(pacer.intervalFor(-100123)).toBe(90);
    await pacer.wait(-100123);
    const t0 = Date.now();
    await pacer.wait(-100123);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(85);
    expect(new ChatPacer(1200).intervalFor(-1)).toBe(3000);
  });

  it('a waiting call can be cancelled', async () => {
    const pacer = new ChatPacer(10_000);
    await pacer.wait(1);
    const ac = new AbortController();
    const waiting = pacer.wait(1, ac.signal);
    ac.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});

describe('partialHtml', () => {
  it('escapes, keeps paragraphs, marks the text as growing and never exceeds one message', () => {
    expect(partialHtml('a<b>&c[1]\n\nnext')).toBe('a&lt;b&gt;&amp;c[1]\n\nnext …');
    expect(partialHtml('  \n\n ')).toBe('');
    const long = partialHtml('这是一句很长的话。'.repeat(800));
    expect(long.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    expect(long.length).toBeGreaterThan(TELEGRAM_LIMIT / 2);
  });
});

describe('AnswerStream', () => {
  it('sends the first partial, coalesces the rest into paced edits, skips unchanged text, then the final edit with buttons', async () => {
    const calls: Call[] = [];
    const s = new AnswerStream(fakeCtx(1, calls), new ChatPacer(80));
    expect(s.started).toBe(false);
    s.onPartial('一。[1]');
    expect(s.started).toBe(true);
    for (let i = 2; i <= 6; i++) {
      await sleep(5);
      s.onPartial('一。[1]' + '二。[1]'.repeat(i - 1));
    }
    await sleep(200);
    s.onPartial('一。[1]' + '二。[1]'.repeat(5)); // unchanged: no edit
    await sleep(120);
    await s.finish(answer('完整答案。[1]'));
    const sends = calls.filter((c) => c.method === 'send');
    const edits = calls.filter((c) => c.method === 'edit');
    expect(sends).toHaveLength(1);
    expect(sends[0].text).toBe('一。[1] …');
    // 6 partials within ~30 ms: one send, then only the newest text, then the final.
    expect(edits.map((e) => e.text)).toEqual(['一。[1]' + '二。[1]'.repeat(5) + ' …', '完整答案。[1]']);
    expect(edits[1].markup).toBeDefined();
    expect(edits[0].markup).toBeUndefined();
    const times = [sends[0].at, ...edits.map((e) => e.at)];
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(75);
  });

  it('two streams in one chat share its pace', async () => {
    const calls: Call[] = [];
    const pacer = new ChatPacer(60);
    const a = new AnswerStream(fakeCtx(3, calls), pacer);
    const b = new AnswerStream(fakeCtx(3, calls), pacer);
    a.onPartial('A1。');
    b.onPartial('B1。');
    await sleep(10);
    a.onPartial('A1。A2。');
    b.onPartial('B1。B2。');
    await sleep(200);
    await Promise.all([a.finish(answer('A。')), b.finish(answer('B。'))]);
    // B's first message waited for A's edit, so it already shows B's newer text: 2 sends, 1 partial edit, 2 finals.
    expect(calls.filter((c) => c.method === 'send').map((c) => c.text)).toEqual(['A1。 …', 'B1。B2。 …']);
    expect(calls.filter((c) => c.method === 'edit').map((c) => c.text)).toEqual(['A1。A2。 …', 'A。', 'B。']);
    expect(calls.find((c) => c.text === 'A。')!.messageId).not.toBe(calls.find((c) => c.text === 'B。')!.messageId);
    const times = calls.map((c) => c.at);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(50); // the fake edit's 5 ms latency aside
  });

  it('"message is not modified" is not an error; the final answer still lands', async () => {
    const calls: Call[] = [];
    const warns: object[] = [];
    const s = new AnswerStream(fakeCtx(4, calls, { failEdit: (t) => (t.endsWith(' …') ? grammyError('Bad Request: message is not modified') : undefined) }), new ChatPacer(20), { warn: (o) => void warns.push(o) });
    s.onPartial('甲。');
    await sleep(5);
    s.onPartial('甲。乙。');
    await sleep(60);
    await s.finish(answer('甲乙丙。'));
    expect(warns).toEqual([]);
    expect(calls.map((c) => c.method)).toEqual(['send', 'edit']);
    expect(calls[1].text).toBe('甲乙丙。');
  });

  it('when the streamed message cannot be edited, the half answer is deleted and the final one sent anew', async () => {
    const calls: Call[] = [];
    const warns: object[] = [];
    const s = new AnswerStream(fakeCtx(5, calls, { failEdit: () => grammyError('Bad Request: message to edit not found') }), new ChatPacer(10), { warn: (o) => void warns.push(o) });
    s.onPartial('甲。');
    await sleep(5);
    s.onPartial('甲。乙。');
    await sleep(40);
    s.onPartial('甲。乙。丙。'); // ignored: the stream is broken
    await s.finish(answer('终。'));
    expect(calls.map((c) => c.method)).toEqual(['send', 'delete', 'send']);
    expect(calls[2].text).toBe('终。');
    expect(calls[2].markup).toBeDefined();
    expect(warns.length).toBeGreaterThanOrEqual(1);
  });

  it('a long final answer: first piece into the streamed message, the rest as new messages, buttons under the last', async () => {
    const calls: Call[] = [];
    const s = new AnswerStream(fakeCtx(6, calls), new ChatPacer(10));
    s.onPartial('开始。');
    await sleep(20);
    await s.finish(answer('这是一句很长的话。'.repeat(1000)));
    const [send, edit, ...rest] = calls;
    expect(send.method).toBe('send');
    expect(edit.method).toBe('edit');
    expect(edit.markup).toBeUndefined();
    expect(rest.length).toBeGreaterThanOrEqual(1);
    expect(rest.every((c) => c.method === 'send' && c.text!.length <= TELEGRAM_LIMIT)).toBe(true);
    expect(rest[rest.length - 1].markup).toBeDefined();
    expect([edit, ...rest].map((c) => c.text).join('').replace(/\s/g, '')).toBe('这是一句很长的话。'.repeat(1000));
  });

  it('abandon removes a half answer; a stream that never started sends the final reply as usual', async () => {
    const calls: Call[] = [];
    const s = new AnswerStream(fakeCtx(7, calls), new ChatPacer(10));
    s.onPartial('半句。');
    await sleep(5);
    await s.abandon();
    expect(calls.map((c) => c.method)).toEqual(['send', 'delete']);
    const quiet: Call[] = [];
    const q = new AnswerStream(fakeCtx(8, quiet), new ChatPacer(10));
    expect(q.started).toBe(false);
    await q.finish(answer('离线答案。'));
    expect(quiet.map((c) => c.method)).toEqual(['send']);
  });
});
