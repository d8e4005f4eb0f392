/**
 * Ask, don't refuse: the chat router on the real split parser and calculator (the other services
 * faked). An ambiguous request gets one short question with buttons; the pressed button or the
 * typed answer completes it from the session.
 */
import { describe, expect, it } from 'vitest';
import { fromServices } from '../src/chat/adapter';
import type { ChatServices } from '../src/chat/ports';
import { ChatRouter } from '../src/chat/router';
import { ChatSessionSchema, newChatSession, type RouteResult } from '../src/chat/types';
import type { Services } from '../src/services';
import { renderText } from '../src/terminal/render';
import { fakeServices } from './helpers/fake-chat-services';

// the split tools of the real adapter; the advisor and documents from the fakes
const real = fromServices({ advisor: {}, docs: [] } as unknown as Services);
const services: ChatServices = { ...fakeServices().services, splitFromText: real.splitFromText, splitText: real.splitText, computeSplit: real.computeSplit };
const router = new ChatRouter(services);
const turn = (lang: 'zh' | 'en' = 'zh') => ({ session: newChatSession(), lang });
const text = (r: RouteResult) => r.replies.map((x) => renderText(x).text).join('\n');
const buttons = (r: RouteResult) => r.replies.flatMap((x) => x.buttons ?? []).flat();

describe('a clarifying question instead of an error', () => {
  it('a ratio without who gets which part: 衢州拿六成还是四成？ with two buttons, then the computed split', async () => {
    const t = turn();
    const q = await router.handleText('衢州在杭州设飞地，税收1000万，六四分成', t);
    expect(q.intent).toBe('split');
    expect(q.outcome).toBe('clarify');
    expect(text(q)).toContain('衢州拿六成还是四成？');
    expect(buttons(q).map((b) => [b.label, b.action])).toEqual([
      ['衢州 六成', 'sq:0'],
      ['衢州 四成', 'sq:1'],
    ]);
    for (const b of buttons(q)) expect(Buffer.byteLength(b.action)).toBeLessThanOrEqual(64);
    // the open question survives the session store's validation (it is persisted between updates)
    const stored = ChatSessionSchema.parse(JSON.parse(JSON.stringify(t.session)));
    const r = await router.handleAction('sq:1', { session: stored, lang: 'zh' });
    expect(r.outcome).toBe('ok');
    expect(text(r)).toMatch(/衢州\s+40\.00%\s+4,000,000\.00/);
    expect(text(r)).toMatch(/杭州\s+60\.00%\s+6,000,000\.00/);
    expect(stored.splitAsk).toBeUndefined();
  });

  it('a missing total: the question, then the typed amount computes it', async () => {
    const t = turn();
    const q = await router.handleText('衢州和杭州六四分', t);
    expect(q.outcome).toBe('clarify');
    expect(text(q)).toContain('要分的总额是多少？');
    expect(buttons(q)).toEqual([]);
    const r = await router.handleText('1000万', t);
    expect(r.intent).toBe('split');
    expect(text(r)).toMatch(/衢州\s+60\.00%\s+6,000,000\.00/);
  });

  it('two totals: a button per amount', async () => {
    const t = turn();
    const q = await router.handleText('税收1000万，利润800万，六四分', t);
    expect(buttons(q).map((b) => b.label)).toEqual(['1000万', '800万']);
    const r = await router.handleAction('sq:1', t);
    expect(text(r)).toMatch(/飞出地\s+60\.00%\s+4,800,000\.00/);
  });

  it('how many years, in English, with year buttons', async () => {
    const t = turn('en');
    const q = await router.handleText('For the first 3 years the sending area gets 90%, then 60/40, tax 1 million a year', t);
    expect(text(q)).toContain('How many years in total?');
    const five = buttons(q).find((b) => b.label === '5 years')!;
    const r = await router.handleAction(five.action, t);
    expect(text(r)).toMatch(/5\s+sending area\s+60\.00%\s+600,000\.00/);
  });

  it('other text drops the open question and is handled as usual; a stale button says so', async () => {
    const t = turn();
    await router.handleText('衢州在杭州设飞地，税收1000万，六四分成', t);
    const r = await router.handleText('什么是飞地经济？', t);
    expect(r.intent).toBe('ask');
    expect(t.session.splitAsk).toBeUndefined();
    const stale = await router.handleAction('sq:0', t);
    expect(stale.outcome).toBe('user_error');
    const bogus = await router.handleAction('sq:7', turn());
    expect(bogus.outcome).toBe('user_error');
  });

  it('a question naming a count of places (26县, 30个项目) is a question, not a split missing its other party', async () => {
    for (const q of ['山区26县搞产业飞地，碰到的难点是哪些？', '浙江山区26县2022年的地区生产总值是多少？', '签约了30个项目的是哪几家央企？']) {
      const t = turn();
      const r = await router.handleText(q, t);
      expect(r.intent, q).toBe('ask');
      expect(t.session.splitAsk, q).toBeUndefined();
    }
  });

  it('/cancel clears the open question', async () => {
    const t = turn();
    await router.handleText('衢州和杭州六四分', t);
    await router.handleText('/cancel', t);
    expect(t.session.splitAsk).toBeUndefined();
  });

  it('requests the keyword rules miss are routed to the split by the grammar', async () => {
    for (const [s, re] of [
      ['基数200万归飞入地，超出部分两边对半，今年税收700万', /飞入地\s+50\.00%\s+4,500,000\.00/],
      ['遂昌出资8000万，杭州出地折价2000万，利润3000万按出资比例分', /遂昌\s+80\.00%\s+24,000,000\.00/],
      ['运营公司拿两成，其余归A县，利润500万', /A县\s+80\.00%\s+4,000,000\.00/],
    ] as const) {
      const r = await router.handleText(s, turn());
      expect(r.intent, s).toBe('split');
      expect(text(r)).toMatch(re);
    }
  });

  it('a refusal with nothing to ask stays an error with the form button', async () => {
    const r = await router.handleText('衢州 60% 杭州 30% 1000万', turn());
    expect(r.outcome).toBe('user_error');
    expect(text(r)).toMatch(/合计是 90%/);
  });
});
