/**
 * Facets: which kind of list a question asks for (problems, measures, …) and which kind a list is,
 * read from words, and how well the two fit.
 */
import { describe, expect, it } from 'vitest';
import { useRealAdvisor } from './helpers/real-advisor';
import { facetFit, isFacetWord, isEnglishFacetWord, listFacets, questionFacets } from '../src/knowledge/facets';

describe('facets', () => {
  it('reads what a question asks for from everyday words in Chinese and English', () => {
    expect([...questionFacets('现在主要卡在哪几个地方')]).toEqual(['problems']);
    expect(questionFacets('有哪些短板').has('problems')).toBe(true);
    expect(questionFacets('开了哪几味药方').has('measures')).toBe(true);
    expect(questionFacets('What hurdles make cooperation hard?').has('problems')).toBe(true);
    expect(questionFacets('what fixes does the paper suggest').has('measures')).toBe(true);
    expect(questionFacets('Which kinds of enclaves are there?').has('types')).toBe(true);
    expect(questionFacets('金磐开发区的面积是多少').size).toBe(0);
  });

  it('reads what a list is from its lead first, its heading only when the lead says nothing', () => {
    const problems = listFacets({ heading: '深化思路', lead: '现阶段，发展还面临诸多挑战。', itemHeads: ['一是顶层设计不足'] });
    expect([...problems.keys()]).toEqual(['problems']);
    const measures = listFacets({ heading: '三、对策', lead: '三、对策', itemHeads: [] });
    expect(measures.get('measures')).toBe(1);
    // Items that start with an action verb make a list of measures, at half weight.
    const verbal = listFacets({ heading: '构建', lead: '（一）', itemHeads: ['1. 构建合作推进机制', '2. 推动园区共建', '（三）加强政策保障'] });
    expect(verbal.get('measures')).toBe(0.5);
  });

  it('fits a list of the asked facet fully, a mixed list partly, another facet negatively, and no facet neutrally', () => {
    const asked = new Set(['problems']);
    expect(facetFit(asked, new Map([['problems', 1]]))).toBe(1);
    expect(facetFit(asked, new Map([['problems', 1], ['status', 1]]))).toBe(0.5);
    expect(facetFit(asked, new Map([['measures', 1]]))).toBe(-1);
    expect(facetFit(asked, new Map())).toBe(0);
    expect(facetFit(new Set(), new Map([['measures', 1]]))).toBe(0);
  });

  it('knows its own words as ways of asking, not names', () => {
    expect(isFacetWord('药方')).toBe(true);
    expect(isFacetWord('青禾')).toBe(false);
  });

  it('reads the asking word’s own counter: 哪几种做法 asks for kinds as well as ways', () => {
    expect([...questionFacets('在空间上主要有哪几种做法')].sort()).toEqual(['status', 'types']);
  });

  it('knows English words that ask for a facet by their stems, and not ordinary words', () => {
    expect(isEnglishFacetWord('achieved')).toBe(true);
    expect(isEnglishFacetWord('problems')).toBe(true);
    expect(isEnglishFacetWord('railway')).toBe(false);
    expect(isEnglishFacetWord('the')).toBe(false);
  });


});

describe('list choice (real advisor)', () => {
  const fx = useRealAdvisor('facets-lists');

  it('chooses the list of what was achieved, not a list whose heading has the glossed word (实现路径)', async () => {
    const r = await fx.advisor.ask('What has park cooperation on the New Eurasian Land Bridge corridor achieved? List every point.');
    expect(r.answer).toContain('政务合作发展良好');
  });

  it('looks for a list asked of a paper named by its topic without the words naming the paper', async () => {
    const r = await fx.advisor.ask('List every general motive force for park cooperation in the New Eurasian Land Bridge study.');
    for (const k of ['政策推动', '市场力量', '创新需求']) expect(r.answer).toContain(k);
  });
});
