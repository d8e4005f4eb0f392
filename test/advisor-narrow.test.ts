import { describe, expect, it } from 'vitest';
import { useRealAdvisor } from './helpers/real-advisor';
import { hasFreshFigure, questionShape } from '../src/advisor/question';
import { extractConcepts } from '../src/advisor/terms';
import { evidenceSignals, evidenceStrength } from '../src/advisor/decline';
import type { Hit } from '../src/retrieval/types';

// Mechanisms that keep near-domain questions honest: a count narrowed by its counter (多少家), a lone
// numeral counted only when it counts the asked thing (八个省), stages described rather than counted
// (怎样的几个阶段), a price asked in English, evidence that only names the question's place, heading
// wording as corpus wording, and a paper's own subject (浙江) standing behind its passages.
// Questions are written fresh, not taken from the eval sets.

const fx = useRealAdvisor('advisor-narrow');
const hit = (docId: string, text: string): Hit => ({
  chunk: { id: `${docId}-x`, docId, source: `${docId}_0.txt`, title: '测试', section: '测试', sectionPath: ['测试'], text, start: 0, end: text.length },
  score: 1,
} as Hit);

describe('counts narrowed by their counter', () => {
  it('reads 多少家 / 多少名 as narrowing, 多少个 and 多少人口 as not', () => {
    expect(questionShape('丽水的科创飞地一共入驻了多少家企业？').counter).toBe('家');
    expect(questionShape('园区去年招了多少名工程师？').counter).toBe('名');
    expect(questionShape('园区一共有多少个项目？').counter).toBeUndefined();
    expect(questionShape('这个县有多少人口？').counter).toBeUndefined();
  });

  it('takes only a figure with a compatible counter', () => {
    expect(hasFreshFigure('全省建立飞地园区16个', [], 'count', '家')).toBe(false);
    expect(hasFreshFigure('已引进企业7家', [], 'count', '家')).toBe(true);
    expect(hasFreshFigure('吸纳就业2万多人', [], 'count', '名')).toBe(true);
    expect(hasFreshFigure('全省建立飞地园区16个', [], 'count')).toBe(true);
  });

  it('declines a 多少家 question whose evidence counts something else', async () => {
    const r = await fx.advisor.ask('丽水的科创飞地一共入驻了多少家企业？');
    expect(r.answered).toBe(false);
    expect(r.signals?.figureCoverage).toBe(0);
  });
});

describe('a lone numeral counts only the asked thing', () => {
  it('八个省 answers how many provinces, not how many zones', () => {
    expect(hasFreshFigure('国内段横跨八个省(区)', [], 'count', undefined, ['省'])).toBe(true);
    expect(hasFreshFigure('国内段横跨八个省(区)', [], 'count', undefined, ['经开区'])).toBe(false);
    // Without a measured noun it stays wording, as before (一个平台, 三个方面).
    expect(hasFreshFigure('国内段横跨八个省(区)', [], 'count')).toBe(false);
  });

  it('八部门 counts departments without a counter, and only the noun asked', () => {
    expect(hasFreshFigure('国家发展改革委等八部门联合印发指导意见', [], 'count', undefined, ['部门'])).toBe(true);
    expect(hasFreshFigure('国家发展改革委等八部门联合印发指导意见', [], 'count', undefined, ['园区'])).toBe(false);
    expect(hasFreshFigure('两地部门联合印发', [], 'count', undefined, ['部门'])).toBe(false);
  });

  it('answers a how-many-provinces question from a figure written in Chinese numerals', async () => {
    const r = await fx.advisor.ask('How many provinces does the Chinese stretch of the New Eurasian Land Bridge pass through?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('八个省');
  });
});

describe('stages described, not counted', () => {
  it('怎样的几个阶段 lists stages; 几个园区 still asks a count', () => {
    const described = questionShape('产业飞地的合作模式经历了怎样的几个阶段？');
    expect(described.quantity).toBe(false);
    expect(described.enumerative).toBe(true);
    expect(questionShape('衢州一共建了几个园区？').quantity).toBe(true);
  });
});

describe('prices asked in English', () => {
  it('reads how much rent / per square metre as a sum of money', () => {
    expect(questionShape('How much rent per square metre do the firms pay?').figureKind).toBe('money');
    expect(questionShape('How much does a plot cost per mu?').figureKind).toBe('money');
    expect(questionShape('How much land does the park cover?').figureKind).toBeUndefined();
  });
});

describe('evidence that only names the place', () => {
  it('flags and declines evidence sharing the question’s names but nothing it asks', () => {
    const c = fx.concepts('上海明天会下雪吗？');
    const s = evidenceSignals([[hit('002', '衢州在上海、北京、杭州等地设立创新飞地。')]], c, [], fx.stats);
    expect(s.namesOnly).toBe(true);
    expect(evidenceStrength(s)).toBeLessThan(0);
    const about = evidenceSignals([[hit('002', '上海明天下雪。')]], c, [], fx.stats);
    expect(about.namesOnly).toBe(false);
  });

  it('does not flag a question about the named place that the evidence answers', async () => {
    const r = await fx.advisor.ask('衢州海创园是哪一年开园的？');
    expect(r.answered).toBe(true);
    expect(r.signals?.namesOnly).not.toBe(true);
  });
});

describe('corpus wording includes headings; a paper stands behind its subject', () => {
  it('a term named only in a section heading is not absent from the corpus', async () => {
    const r = await fx.advisor.ask('“两覆盖一样板”包括哪些内容？');
    expect(r.signals?.missing).toBe(0);
    expect(r.answered).toBe(true);
  });

  it('a name the passage’s paper is about need not be repeated in the passage', () => {
    const c = fx.concepts('浙江要求合作双方把分成比例报到哪里？');
    const h = hit('004', '合作双方协商确定收益分成比例，报省财政、税务部门备案。');
    expect(evidenceSignals([[h]], c, [], fx.stats).unmatched).toContain('浙江');
    const subject = (doc: string, alts: string[]) => doc === '004' && alts.includes('浙江');
    expect(evidenceSignals([[h]], c, [], fx.stats, undefined, '', { paperSubject: subject }).unmatched).toEqual([]);
  });
});

describe('English wording', () => {
  it('reads "the word X originally described" as a definition question', () => {
    expect(questionShape('What did the term "relay" originally describe?').definitional).toBe(true);
    expect(questionShape('What does the word enclave mean?').definitional).toBe(true);
    expect(questionShape('Which parks did Quzhou open in Hangzhou?').definitional).toBe(false);
  });

  it('gives an unglossed English word its dictionary senses among corpus words, not a domain anchor', () => {
    const english = (w: string) => fx.retriever.bridge.english([[w]])[0]?.zh;
    const c = extractConcepts('Do visa rules slow the staff?', fx.stats, { english }).find((x) => x.label === 'visa');
    expect(c?.alts).toContain('签证');
    expect(extractConcepts('Do visa rules slow the staff?', fx.stats).find((x) => x.label === 'visa')?.alts).toEqual(['visa']);
  });

  it('still declines an everyday English question whose words only the dictionary ties to the papers', async () => {
    const r = await fx.advisor.ask('How do I apply for a driving licence?');
    expect(r.answered).toBe(false);
  });
});

describe('sentences under a heading', () => {
  it('can quote a sentence that only its section heading ties to the question', async () => {
    const r = await fx.advisor.ask('“两覆盖一样板”具体要做到什么？');
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => c.section).join(' ')).toContain('两覆盖一样板');
  });
});
