import { describe, expect, it } from 'vitest';
import { useRealAdvisor } from './helpers/real-advisor';
import { hasFreshFigure, questionShape } from '../src/advisor/question';
import { extractConcepts, numeralForms, zhRole } from '../src/advisor/terms';
import { measuredConcept } from '../src/advisor/decline';
import { expandQuery } from '../src/retrieval/glossary';

const fx = useRealAdvisor('advisor-evidence');

describe('question shape', () => {
  it('tells figure questions from list and definition questions', () => {
    expect(questionShape('金磐开发区的规划建设面积是多少？').quantity).toBe(true);
    expect(questionShape('衢州海创园是哪一年开园的？').quantity).toBe(true);
    expect(questionShape('How long is the railway?').quantity).toBe(true);
    expect(questionShape('What was the GDP of the zone?').quantity).toBe(true);
    // 哪几类 asks for kinds, not a count.
    expect(questionShape('飞地分为哪几类？').quantity).toBe(false);
    expect(questionShape('飞地分为哪几类？').enumerative).toBe(true);
    expect(questionShape('What is a reverse enclave?').quantity).toBe(false);
    expect(questionShape('正向飞地和反向飞地有什么区别？').enumerative).toBe(true);
    expect(questionShape('浙江省2023年的GDP是多少？').years).toEqual(['2023']);
  });

  it('counts only figures the question does not already give', () => {
    expect(hasFreshFigure('2022年浙江山区26县实现地区生产总值7404亿元', ['2022', '26'])).toBe(true);
    expect(hasFreshFigure('2022年浙江山区26县经济基础薄弱', ['2022', '26'])).toBe(false);
    expect(hasFreshFigure('已建立一批飞地园区', [])).toBe(false);
    expect(hasFreshFigure('已建立十六个飞地园区', [])).toBe(true);
    expect(hasFreshFigure('规划建设五个生态补偿飞地', [])).toBe(true);
  });

  it('finds the measured noun beside the quantity word', () => {
    const m = (q: string) => measuredConcept(q, extractConcepts(q, fx.stats), questionShape(q))?.label;
    expect(m('中老铁路全长多少公里？')).toBe('全长');
    expect(m('飞地园区企业能享受多少的企业所得税优惠税率？')).toBe('税率');
    expect(m('浙江打算规划建设多少个生态补偿飞地？')).toBe('生态补偿飞地');
  });

  it('finds the measured noun across a verb and its 在/为, and in a hyphenated English measure', () => {
    const m = (q: string) => measuredConcept(q, extractConcepts(q, fx.stats), questionShape(q))?.label;
    expect(m('飞地园区的企业所得税税率一般控制在多少？')).toBe('税率');
    expect(m('What tax-sharing percentage do the two sides use?')).toBe('税收分成');
  });
});

describe('question words', () => {
  it('tells names and nouns from everyday wording', () => {
    expect(zhRole('新加坡')).toBe('entity');
    expect(zhRole('护照')).toBe('noun');
    expect(zhRole('打算')).toBe('other');
  });

  it('maps number words to the digits the papers use', () => {
    expect(numeralForms('八成')).toContain('80%');
    expect(numeralForms('三分之一')).toContain('1/3');
    expect(numeralForms('两平方公里')).toContain('2平方公里');
  });

  it('matches English place names to the corpus by their pinyin', () => {
    const zh = expandQuery('What did the Waigaoqiao companies gain by moving production to Qidong?').added;
    expect(zh).toContain('外高桥');
    expect(zh).toContain('启东');
  });
});

describe('decline: the evidence must be about the question', () => {
  it.each([
    // A figure question whose passages hold figures about something else (the 26 counties' GDP).
    ['深汕特别合作区的GDP是多少？', 'zh'],
    // The question pins a year the evidence does not give (the papers give 2022).
    ['浙江省2023年的GDP是多少？', 'zh'],
    // The measured thing (全长) never occurs in the corpus.
    ['中老铁路全长多少公里？', 'zh'],
    // A name the corpus mentions, but no figure beside it.
    ['What is the population of Hangzhou?', 'en'],
  ] as const)('declines a figure question the evidence does not answer: %s', async (q, lang) => {
    const r = await fx.advisor.ask(q);
    expect(r.answered, r.answer).toBe(false);
    expect(r.lang).toBe(lang);
    expect(r.citations).toEqual([]);
    // A decline still points to nearby topics.
    expect(r.suggestions?.length).toBeGreaterThan(0);
  });

  it('answers a figure question when a sentence gives the figure beside its subject', async () => {
    const r = await fx.advisor.ask('2022年浙江山区26县的地区生产总值是多少？');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('7404');
  });

  it.each([
    ['园区里产生的地方税收，省里会不会拿走一部分？', '省财政不参与分享'],
    ['差不多八成结对县正在打算做什么？', '80%'],
  ])('answers a question in everyday words: %s', async (q, fact) => {
    const r = await fx.advisor.ask(q);
    expect(r.answered, r.answer).toBe(true);
    expect(r.answer.replace(/\s+/g, '')).toContain(fact);
  });
});

describe('answer selection', () => {
  it('continues a definition into the following sentences of its paragraph', async () => {
    const r = await fx.advisor.ask('什么是飞地接力？');
    expect(r.answered).toBe(true);
    // The definition sentence and the next one, which names the three kinds of node.
    expect(r.answer).toContain('多节点');
    expect(r.answer).toContain('中继飞地');
  });

  it('quotes both halves when the question asks for a difference', async () => {
    const r = await fx.advisor.ask('正向飞地和反向飞地有什么区别？');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('正向飞地');
    expect(r.answer).toMatch(/欠发达地区[^。]*进入发达地区|欠发达地区主动/);
  });
});
