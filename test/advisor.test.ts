import { describe, expect, it } from 'vitest';
import { useRealAdvisor } from './helpers/real-advisor';
import { detectLang, isBlankQuestion } from '../src/advisor/lang';
import type { AskResult } from '../src/advisor/types';
import { AskResultSchema } from '../src/advisor/types';

const fx = useRealAdvisor('advisor-test');

/** Every citation quotes its source verbatim, is numbered 1..n, and is referenced in the answer text. */
function expectWellCited(r: AskResult) {
  expect(AskResultSchema.parse(r)).toBeTruthy();
  expect(r.citations.length).toBeGreaterThan(0);
  expect(r.citations.length).toBeLessThanOrEqual(5);
  const bySource = new Map(fx.retriever.docs.map((d) => [d.source, d]));
  r.citations.forEach((c, i) => {
    expect(c.n).toBe(i + 1);
    const doc = bySource.get(c.source);
    expect(doc, `unknown source ${c.source}`).toBeDefined();
    expect(doc!.raw.includes(c.quote), `quote not verbatim in ${c.source}: ${c.quote}`).toBe(true);
    expect(c.title).toBe(doc!.title);
    expect(r.answer).toContain(`[${c.n}]`);
  });
  // No marker without a citation, and markers appear in order of their numbers.
  const markers = [...r.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  expect(Math.max(...markers)).toBe(r.citations.length);
  expect(markers).toEqual([...markers].sort((a, b) => a - b));
}

describe('offline advisor', () => {
  it('answers a Chinese question with verbatim, numbered citations', async () => {
    const r = await fx.advisor.ask('浙江已在发达地区建立了多少个飞地园区？');
    expect(r.answered).toBe(true);
    expect(r.lang).toBe('zh');
    expectWellCited(r);
    expect(r.answer).toContain('16个');
  });

  it('frames an English question in English around the Chinese evidence, glossing key terms', async () => {
    const r = await fx.advisor.ask('What is a reverse enclave?');
    expect(r.answered).toBe(true);
    expect(r.lang).toBe('en');
    expectWellCited(r);
    expect(r.answer).toMatch(/^(?:In short: “[^”\n]+” \[1\]\.\n)?The corpus addresses this in \d passages? from “[^”]+”/);
    expect(r.answer).toContain('反向飞地 (reverse enclave)');
    // The evidence itself stays Chinese.
    expect(r.citations.some((c) => /[\u4e00-\u9fff]/.test(c.quote))).toBe(true);
  });

  it.each([
    ['红烧肉怎么做才好吃？', 'zh', '语料库未涉及这个问题'],
    ['What is the capital of Australia?', 'en', 'The corpus does not cover this'],
  ] as const)('declines an out-of-corpus question: %s', async (q, lang, phrase) => {
    const r = await fx.advisor.ask(q);
    expect(r.answered).toBe(false);
    expect(r.lang).toBe(lang);
    expect(r.citations).toEqual([]);
    expect(r.answer).toContain(phrase);
    expect(r.suggestions?.length).toBeGreaterThan(0);
    for (const s of r.suggestions!) expect(r.answer).toContain(s);
  });

  it('uses the previous question as context for a follow-up', async () => {
    const q = '那收益怎么分？';
    const alone = await fx.retriever.retrieve(q, { k: 5 });
    const followUp = await fx.retriever.retrieve(q, { k: 5, context: '什么是消薄飞地？' });
    expect(followUp.map((h) => h.chunk.id)).not.toEqual(alone.map((h) => h.chunk.id));
    const r = await fx.advisor.ask(q, { context: '什么是消薄飞地？' });
    expect(r.answered).toBe(true);
    expectWellCited(r);
    const cited = r.citations.map((c) => c.quote).join('');
    expect(cited).toMatch(/消薄|集体经济|薄弱村/);
  });

  it.each(['', '   ', '？？！', '...'])('handles a question with nothing to search (%j) without crashing', async (q) => {
    const r = await fx.advisor.ask(q);
    expect(r.answered).toBe(false);
    expect(r.citations).toEqual([]);
    expect(r.answer).toMatch(/请输入一个问题|Please type a question/);
  });
});

describe('language detection', () => {
  it('follows the words that carry the question', () => {
    expect(detectLang('什么是飞地接力？')).toBe('zh');
    expect(detectLang('What is 飞地接力?')).toBe('en');
    expect(detectLang('飞地经济的GDP怎么分？')).toBe('zh');
    expect(detectLang('How is revenue shared?')).toBe('en');
    expect(isBlankQuestion('？！…')).toBe(true);
    expect(isBlankQuestion('GDP?')).toBe(false);
  });
});
