import { describe, expect, it } from 'vitest';
import { useRealAdvisor } from './helpers/real-advisor';
import { extractConcepts, writtenAsName } from '../src/advisor/terms';
import { expandQuery } from '../src/retrieval/glossary';
import { questionShape } from '../src/advisor/question';
import { ANCHOR_MIN, domainAnchor, domainWords, evidenceStrength, type EvidenceSignals } from '../src/advisor/decline';
import { answerProbability } from '../src/advisor/decide';

const fx = useRealAdvisor('advisor-anchor');

const anchor = (q: string) => domainAnchor(fx.concepts(q), fx.stats);

describe('domain anchor', () => {
  it('is high when the question names a term of the papers, low when it only shares everyday words', () => {
    expect(anchor('科创飞地的收益怎么分配？')).toBeGreaterThanOrEqual(ANCHOR_MIN);
    expect(anchor('What do the papers say about reverse enclaves?')).toBeGreaterThanOrEqual(ANCHOR_MIN);
    expect(anchor('量子计算机的主要工作原理是什么？')).toBeLessThan(ANCHOR_MIN);
    expect(anchor('How should I water tomato plants on a balcony?')).toBeLessThan(ANCHOR_MIN);
  });

  it('rules a question out whatever its coverage, and leaves signals without it unchanged', () => {
    const base: EvidenceSignals = { coverage: 0.6, sentenceCoverage: 0.6, concepts: 3, missing: 0, unmatched: [], topScore: 1 };
    expect(evidenceStrength({ ...base, anchor: ANCHOR_MIN - 1 })).toBeLessThan(evidenceStrength(base) - 0.9);
    expect(evidenceStrength({ ...base, anchor: ANCHOR_MIN + 1 })).toBe(evidenceStrength(base));
  });

  it('makes the advisor decline an off-topic question that shares everyday wording with the corpus', async () => {
    expect((await fx.advisor.ask('量子计算机的主要工作原理是什么？')).answered).toBe(false);
    expect((await fx.advisor.ask('科创飞地的收益怎么分配？')).answered).toBe(true);
  });
});

describe('domain words', () => {
  const words = (q: string) => domainWords(fx.concepts(q), fx.stats);
  it('counts the words a question shares with the papers that are rare in general text', () => {
    // (a lay paraphrase still says 园区, 飞地, 税收 …; an off-topic question says none of them)
    expect(words('山区县到沿海城市办的飞地园区，交的税收怎么分？')).toBeGreaterThanOrEqual(3);
    expect(words('量子计算机的主要工作原理是什么？')).toBe(0);
    expect(words('What do the papers say about reverse enclaves and land quotas?')).toBeGreaterThanOrEqual(2);
  });
  it('raises the fitted probability of answering, all else equal', () => {
    const base: EvidenceSignals = { coverage: 0.3, sentenceCoverage: 0.3, concepts: 5, missing: 0.2, unmatched: [], topScore: 1.5, anchor: 6, bankSimilarity: 0.5 };
    expect(answerProbability({ ...base, domainWords: 3 })).toBeGreaterThan(answerProbability({ ...base, domainWords: 0 }));
  });
});

describe('English names', () => {
  it('pins a glossed word as a name only when the question writes it with a capital', () => {
    expect(writtenAsName('How far is it from Quzhou to the coast?', 'quzhou')).toBe(true);
    expect(writtenAsName('What share of urban residents moved?', 'urban')).toBe(false);
    const roles = (q: string) => Object.fromEntries(extractConcepts(q, fx.stats).map((c) => [c.label, c.role]));
    // 城市 is tagged as a place by jieba, 开园 is unknown to it: lowercase English makes them nouns.
    expect(roles('How did urban incomes change after the park opened?')['城市']).toBe('noun');
    expect(roles('How did incomes in Quzhou change?')['衢州']).toBe('entity');
    // (a word opening a later sentence is capitalised by the sentence)
    expect(roles('A firm opened a lab in Hangzhou. Roughly what share of its staff do research?')['roughly']).toBe('other');
  });

  it('reads polyphonic characters of place names as in names (Chang’an, Xiamen)', () => {
    const zh = (q: string) => expandQuery(q).terms.flatMap((t) => t.zh);
    expect(zh("What did Chang'an gain?")).toContain('长安');
    expect(zh("What did Chang'an gain?")).not.toContain('变化');
    expect(zh('Is Xiamen mentioned?')).toContain('厦门');
  });
});

describe('English figure questions', () => {
  it('reads the unit after "how many" as the kind of figure asked for', () => {
    expect(questionShape('How many mu of land does the county use?').figureKind).toBe('size');
    expect(questionShape('How many square kilometres does the park cover?').figureKind).toBe('size');
    expect(questionShape('How many billion yuan were invested?').figureKind).toBe('money');
    expect(questionShape('How many firms moved there?').figureKind).toBe('count');
  });

  it('lets a glossed compound match the papers’ wording with a short insertion', () => {
    // The glossary's 用地指标 is written 用地计划指标 in the papers.
    const quota = extractConcepts('How large is the land quota?', fx.stats).find((c) => c.alts.includes('用地指标'));
    expect(quota?.alts.some((a) => /^用地.{1,2}指标$/.test(a) && fx.stats.df(a) > 0)).toBe(true);
  });
});
