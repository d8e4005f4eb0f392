/**
 * Answer shapes on the knowledge layer, through the real offline advisor and the real index: a list
 * question gets every item, a figure question the figure first, a park the corpus never mentions a
 * decline that names it, a follow-up keeps its subject, a figure the corpus does not give a gap.
 * And the fitted answer/decline model: its fitting code and the shipped weights.
 */
import { describe, expect, it } from 'vitest';
import { answerProbability, balancedThreshold, decideAnswer, DECISION_FEATURES, fitLogistic, fittedDecision, rates } from '../src/advisor/decide';
import type { EvidenceSignals } from '../src/advisor/decline';
import { holds } from '../src/advisor/match';
import { unknownNames } from '../src/advisor/analyse';
import { useRealAdvisor } from './helpers/real-advisor';

const corpusText = (fx: ReturnType<typeof useRealAdvisor>) => fx.retriever.docs.map((d) => d.raw).join('\n');

describe('answer shapes (real advisor)', () => {
  const fx = useRealAdvisor('advisor-shapes');

  it('a list question gets the lead and every item, numbered and each cited verbatim', async () => {
    const r = await fx.advisor.ask('“飞地接力”模式有哪几个关键特征？');
    expect(r.answered).toBe(true);
    for (const item of ['跨国协同性', '多节点布设性', '功能分段性', '制度嵌入性']) expect(r.answer).toContain(item);
    expect(r.answer).toMatch(/^共 4 点/);
    expect(r.answer.trim()).not.toMatch(/[：:]$/);
    expect(r.citations.length).toBe(5);
    const text = corpusText(fx);
    for (const c of r.citations) expect(text.includes(c.quote)).toBe(true);
  });

  it('a list of sub-headings is answered with every heading (and in English with English framing)', async () => {
    const zh = await fx.advisor.ask('衢州海创园推动创新跨域重组有哪两种典型模式？');
    expect(zh.answer).toContain('在杭初创孵化，回流衢州生产');
    expect(zh.answer).toContain('衢州产业转型，在杭研发引才');
    const en = await fx.advisor.ask('Which three driving forces push parks to cooperate across regions?');
    expect(en.answered).toBe(true);
    expect(en.answer).toMatch(/lists 3 points/);
    for (const item of ['政策推动', '市场力量驱动', '创新需求']) expect(en.answer).toContain(item);
  });

  it('a question on problems gets the list of problems, not the list it is nested in nor a list of measures', async () => {
    // 难点 is one item of 基础与难点; its own list names the three difficulties.
    const r = await fx.advisor.ask('山区26县搞产业飞地，碰到的难点是哪些？');
    expect(r.answered).toBe(true);
    for (const item of ['利益机制尚未完善', '基础设施建设落后', '科研投入不足']) expect(r.answer).toContain(item);
    // Numbered once, the head's full stop giving way to the colon (not “1. 1. 利益机制尚未完善。：”).
    expect(r.answer).toContain('\n1. 利益机制尚未完善：');
    expect(r.answer).not.toMatch(/\d\. \d\. |。：/);
    // Asked in other words (短板 is not the paper's word): still the paper's list of 挑战.
    const other = await fx.advisor.ask('山海协作飞地经济再往前推，短板在哪些地方？');
    expect(other.answered).toBe(true);
    for (const item of ['顶层设计不足', '支持政策不够', '体制机制不顺']) expect(other.answer).toContain(item);
  });

  it('a question on remedies gets the list of 对策, even through a quoted figure of speech', async () => {
    const r = await fx.advisor.ask('对山区26县的产业飞地，文章开出了哪些“药方”？');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('公司制管理模式');
    expect(r.answer).toContain('数字');
  });

  it('a figure question leads with the clause that holds the figure, whatever the word order', async () => {
    const r = await fx.advisor.ask('浙江山区26县2022年平均财政收入有多少？');
    expect(r.answered).toBe(true);
    expect(r.answer.split('\n')[0]).toContain('34.43 亿元');
    expect(r.citations[0]!.quote).toContain('34.43 亿元');
  });

  it('English figure words reach the figure sentence (trains → 班列, not 培训)', async () => {
    const r = await fx.advisor.ask("How many trains did the Chang'an China-Europe Railway Express run in the first half of 2023?");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('2619 列');
  });

  it('a park the corpus never mentions is declined by name, never answered with another park’s figure', async () => {
    const r = await fx.advisor.ask('青禾飞地产业园的规划面积是多少？');
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('青禾飞地产业园');
    expect(r.answer).not.toContain('2.1平方公里');
    const en = await fx.advisor.ask('What is the planned area of the Qinghe Enclave Industrial Park?');
    expect(en.answered).toBe(false);
    expect(en.answer).toContain('Qinghe Enclave Industrial Park');
    // A park the corpus does describe is answered.
    const known = await fx.advisor.ask('金磐开发区的规划建设面积是多少？');
    expect(known.answered).toBe(true);
    expect(known.answer).toContain('2.1平方公里');
  });

  it('an English name the glossary knows as a phrase is not taken for an unknown one', async () => {
    for (const q of ['What role does the Yangtze River Delta play in park cooperation?', 'How did Quzhou Haichuang Park attract talent?']) {
      const r = await fx.advisor.ask(q);
      expect(r.answer, q).not.toMatch(/has nothing on/);
    }
  });

  it('a follow-up keeps the previous question’s subject', async () => {
    const r = await fx.advisor.ask('能举个例子吗？', { context: '什么是生态补偿飞地？' });
    expect(r.answered).toBe(true);
    // The paper's own example of an ecological-compensation enclave, not another kind's example.
    expect(r.answer).toContain('庆元县');
    expect(r.answer).toContain('生态补偿飞地');
    expect(r.answer).not.toContain('传媒');
  });

  it('a figure the corpus does not give is answered with what it says and the gap stated', async () => {
    const r = await fx.advisor.ask('消薄飞地保底收益多少？');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('须实行收益保底');
    expect(r.answer).toMatch(/语料未给出/);
  });

  it('a document number asked with 是什么 or in English is a figure question, not a definition', async () => {
    for (const q of ['国家支持飞地经济发展的那份指导意见，文号是什么？', 'What is the reference number of the national guideline on the enclave economy?']) {
      const r = await fx.advisor.ask(q);
      expect(r.answered, q).toBe(true);
      expect(r.answer, q).toContain('发改地区〔2017〕922号');
    }
  });

  it('Traditional characters and colloquial words are answered like their plain twins', async () => {
    const t = await fx.advisor.ask('什麼是飛地接力？');
    const s = await fx.advisor.ask('什么是飞地接力？');
    expect(t.answered).toBe(true);
    expect(t.citations.map((c) => c.quote)).toEqual(s.citations.map((c) => c.quote));
    const c = await fx.advisor.ask('飞地是啥');
    expect(c.answered).toBe(true);
    expect(c.answer).toContain('飞地原是指');
  });
});

describe('unknown names', () => {
  const known = (s: string) => ['金磐开发区', '磐安', '衢州海创园', '衢州', '杭州', '宁波', '26', '山区'].some((k) => s === k || k.includes(s));
  it('flags a coined name whatever its suffix, and not a description or a known place', () => {
    expect(unknownNames('青禾飞地产业园的规划面积是多少？', known, () => false)).toEqual(['青禾飞地产业园']);
    expect(unknownNames('宁波前湾飞地的税收怎么分？', known, () => false)).toEqual(['宁波前湾飞地']);
    expect(unknownNames('金磐开发区的面积', known, () => false)).toEqual([]);
    expect(unknownNames('靠产业飞地帮山区26县共富，难点在哪？', known, () => false)).toEqual([]);
    expect(unknownNames('省里一年给26县多少用地指标？', known, () => false)).toEqual([]);
    expect(unknownNames('Where is the Qinghe Industrial Park?', known, () => false)).toEqual(['Qinghe Industrial Park']);
    expect(unknownNames('Where is the Quzhou Industrial Park?', known, (n) => n === 'Quzhou')).toEqual([]);
  });

  it('reads no name into question words, counts, pointers or a suffix inside a longer word', () => {
    expect(unknownNames('该意见如何界定飞地经济？', known, () => false)).toEqual([]);
    expect(unknownNames('何谓产业飞地？', known, () => false)).toEqual([]);
    expect(unknownNames('无锡跟陕西那边一堆开发区搞跨区通办', (s) => known(s) || s === '无锡' || s === '陕西', () => false)).toEqual([]);
    expect(unknownNames('好几个开发区一起搞的园区', known, () => false)).toEqual([]);
    // A coined name stays a name after any of these.
    expect(unknownNames('那个青禾飞地产业园呢', known, () => false)).toEqual(['青禾飞地产业园']);
  });
});

describe('compound measures', () => {
  it('are found with a modifier between their words, within one clause', () => {
    expect(holds('2022年的财政平均收入为34.43亿元', '财政收入')).toBe(true);
    expect(holds('财政基础薄弱,收入', '财政收入')).toBe(false);
    expect(holds('工业总产值', '工业产值')).toBe(true);
  });
});

describe('fitted answer/decline model', () => {
  it('fits a separable toy problem and finds the balanced threshold', () => {
    const rows = Array.from({ length: 40 }, (_, i) => {
      const good = i % 2 === 0;
      const f = Object.fromEntries(DECISION_FEATURES.map((n) => [n, 0])) as Record<(typeof DECISION_FEATURES)[number], number>;
      f.coverage = good ? 0.8 + (i % 5) * 0.04 : 0.1 + (i % 5) * 0.04;
      f.missing = good ? 0 : 0.5;
      return { f, y: good ? 1 : 0 };
    });
    const model = fitLogistic(rows.map((r) => r.f), rows.map((r) => r.y), ['coverage', 'missing'], { steps: 500 });
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    const sig = (cov: number, missing: number): EvidenceSignals => ({ coverage: cov, sentenceCoverage: cov, concepts: 3, missing, unmatched: [], topScore: 1 });
    const probs = rows.map((r) => answerProbability(sig(r.f.coverage, r.f.missing), { ...model, threshold: 0.5 }));
    const t = balancedThreshold(probs, rows.map((r) => r.y));
    expect(rates(probs, rows.map((r) => r.y), t)).toEqual({ answered: 1, declined: 1 });
  });

  it('ships weights that answer well-covered evidence and decline absent or off-topic evidence', () => {
    const model = fittedDecision();
    expect(model.features.length).toBeGreaterThanOrEqual(2);
    const strong: EvidenceSignals = { coverage: 1, sentenceCoverage: 1, concepts: 4, missing: 0, unmatched: [], anchor: 9, topScore: 1.6 };
    const absent: EvidenceSignals = { coverage: 0.3, sentenceCoverage: 0.3, concepts: 4, missing: 0.6, unmatched: [], anchor: 2, topScore: 0.5 };
    expect(decideAnswer(strong, model)).toBe(true);
    expect(decideAnswer(absent, model)).toBe(false);
    expect(decideAnswer({ ...strong, concepts: 0 }, model)).toBe(false);
  });
});
