import { describe, expect, it } from 'vitest';
import {
  bigramOverlap,
  firstGoldDocRank,
  firstRelevantRank,
  isRelevant,
  keywordCoverage,
  percentile,
  summarizeAnswers,
  summarizeRetrieval,
} from '../eval/metrics';

const gold = [{ source: '004_4dc32fbbbf306e5c.txt', quote: '金磐开发区规划建设面积 2.1平方公里' }];

describe('eval metrics', () => {
  it('a passage is relevant only from the gold source and when it covers the quote', () => {
    const text = '其中，金磐开发区规划建设面积2.1平方公里，累计实现工业产值 320亿元。';
    expect(isRelevant({ source: gold[0].source, text }, gold)).toBe(true);
    expect(isRelevant({ source: '001_758819dfea56feb8.txt', text }, gold)).toBe(false);
    expect(isRelevant({ source: gold[0].source, text: '衢州海创园自 2016年开园以来' }, gold)).toBe(false);
    // A chunk boundary cutting the quote in half still counts (≥ 50% of its bigrams).
    expect(isRelevant({ source: gold[0].source, text: '……其中，金磐开发区规划建设面积' }, gold)).toBe(true);
  });

  it('bigram overlap is the share of the quote covered', () => {
    expect(bigramOverlap('abcd', 'xxabcdxx')).toBe(1);
    expect(bigramOverlap('abcd', 'ab')).toBeCloseTo(1 / 3);
    expect(bigramOverlap('', 'ab')).toBe(0);
  });

  it('ranks are 1-based and 0 when absent', () => {
    const hits = [
      { source: '001_758819dfea56feb8.txt', text: 'x' },
      { source: gold[0].source, text: '无关' },
      { source: gold[0].source, text: '金磐开发区规划建设面积 2.1平方公里' },
    ];
    expect(firstRelevantRank(hits, gold)).toBe(3);
    expect(firstGoldDocRank(hits, gold)).toBe(2);
    expect(firstRelevantRank(hits.slice(0, 2), gold)).toBe(0);
  });

  it('keyword coverage ignores spacing and full-width forms', () => {
    expect(keywordCoverage('面积 2.1 平方公里，产值３２０亿元', ['2.1平方公里', '320亿元', '2万多人'])).toBeCloseTo(2 / 3);
    expect(keywordCoverage('anything', [])).toBe(1);
  });

  it('summaries compute recall, MRR and answer rates', () => {
    const r = summarizeRetrieval([
      { id: 'a', lang: 'zh', rank: 1, docRank: 1, ms: 1 },
      { id: 'b', lang: 'zh', rank: 2, docRank: 1, ms: 1 },
      { id: 'c', lang: 'zh', rank: 0, docRank: 6, ms: 1 },
      { id: 'd', lang: 'zh', rank: 6, docRank: 3, ms: 1 },
    ]);
    expect(r.recall1).toBe(0.25);
    expect(r.recall5).toBe(0.5);
    expect(r.mrr).toBeCloseTo((1 + 0.5 + 0 + 1 / 6) / 4);
    expect(r.docRecall5).toBe(0.75);

    const base = { lang: 'en' as const, keywordCoverage: 0, citesRightDoc: false, citations: 0, verifiedCitations: 0, ms: 1 };
    const a = summarizeAnswers([
      { ...base, id: '1', answerable: true, answered: true, keywordCoverage: 1, citesRightDoc: true, citations: 2, verifiedCitations: 2 },
      { ...base, id: '2', answerable: true, answered: false },
      { ...base, id: '3', answerable: false, answered: false },
      { ...base, id: '4', answerable: false, answered: true, citations: 2, verifiedCitations: 1 },
    ]);
    expect(a.answered).toBe(0.5);
    expect(a.keywordCoverage).toBe(0.5);
    expect(a.rightDoc).toBe(0.5);
    expect(a.declined).toBe(0.5);
    expect(a.citationPrecision).toBe(0.75);
  });

  it('percentile by nearest rank', () => {
    const xs = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 95)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
});
