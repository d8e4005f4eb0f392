import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRetriever, type HybridRetriever } from '../src/retrieval';
import { isFrameWord, questionRuns } from '../src/retrieval/bridge';
import { expandQuery } from '../src/retrieval/glossary';
import { bestSentenceCoverage, compactSentences, definitionPattern, weightedConcepts, weightedCoverage } from '../src/retrieval/hybrid';

describe('question discourse words and the dictionary bridge', () => {
  it('treats discourse words as no topic, in any form', () => {
    for (const w of ['actually', 'happens', 'supposed', 'bother', 'every', 'papers']) expect(isFrameWord(w)).toBe(true);
    for (const w of ['leaders', 'replaced', 'chip', 'packaging', 'production']) expect(isFrameWord(w)).toBe(false);
  });

  it('splits runs at discourse and stop words, so no dictionary phrase spans them', () => {
    expect(questionRuns('what actually happens to local leaders'.split(' '))).toEqual([['local', 'leader']]);
    expect(questionRuns(['far', 'end', 'of', 'the', 'corridor'])).toEqual([['far', 'end'], ['corridor']]);
    expect(questionRuns(["Zhejiang's", 'plain', 'terms'])).toEqual([['zhejiang'], ['term']]);
  });
});

describe('weighted concept coverage', () => {
  const concepts = [
    { alts: ['封测', '封装'], weight: 1 },
    { alts: ['东南亚'], weight: 1 },
    { alts: ['test'], weight: 0.3 },
  ];

  it('is the share of the concepts\u2019 weights a passage holds, any wording counting once', () => {
    const w = [3, 1, 0.3];
    expect(weightedCoverage(concepts, w, '马来西亚在半导体后道封测与封装领域')).toBeCloseTo(3 / 4.3);
    expect(weightedCoverage(concepts, w, '东南亚国家')).toBeCloseTo(1 / 4.3);
    expect(weightedCoverage(concepts, w, '东南亚封测')).toBeCloseTo(4 / 4.3);
    expect(weightedCoverage(concepts, w, '无关')).toBe(0);
  });

  it('lets a rare concept outweigh a frequent one, and ignores concepts no passage holds', () => {
    // A passage with the specific term beats one with only the common term.
    expect(weightedCoverage(concepts, [3, 1, 0], '封测')).toBeGreaterThan(weightedCoverage(concepts, [3, 1, 0], '东南亚'));
    expect(weightedCoverage(concepts, [0, 0, 0], '封测东南亚')).toBe(0);
  });

  it('builds one concept per glossary phrase, bridged word and untranslated English word', () => {
    const q = 'Which chips are packaged in Malaysia by zorblax quuxes?';
    const expanded = expandQuery(q);
    const cs = weightedConcepts(q, expanded, [{ en: 'quux', zh: [['企业', 0.8], ['公司', 0.3]] }], [], [], 0.3);
    const chip = cs.find((c) => c.alts.includes('芯片'));
    expect(chip?.weight).toBe(1);
    // The weak sense (below half the best weight) is not a wording of the concept.
    const firm = cs.find((c) => c.alts.includes('企业'));
    expect(firm).toMatchObject({ weight: 0.8 });
    expect(firm?.alts).not.toContain('公司');
    expect(cs.find((c) => c.alts[0] === 'zorblax')?.weight).toBe(0.3);
  });

  it('merges a Chinese word with the synonym group it belongs to', () => {
    const q = '穷村怎么增收';
    const cs = weightedConcepts(q, expandQuery(q), [], [['穷村', '贫困村', '薄弱村']], [], 0.3);
    expect(cs.filter((c) => c.alts.includes('薄弱村'))).toHaveLength(1);
  });
});

describe('rerank on the real corpus', () => {
  let r: HybridRetriever;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rerank-'));
    r = (await openRetriever({ indexDir: join(dir, 'index') })).passages;
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the dictionary sense that shares passages with the rest of the question', () => {
    // 碎片 ("chip, fragment") occurs only beside urban renewal; 芯片 beside the enclave relay nodes.
    const [m] = r.disambiguate([{ en: 'chip', zh: [['碎片', 1], ['芯片', 0.5]] }], { terms: [{ en: 'terminal enclave', zh: ['终端飞地'] }] });
    const w = Object.fromEntries(m.zh);
    expect(w['芯片']).toBe(0.5);
    expect(w['碎片']).toBeLessThan(w['芯片']);
    expect(m.zh[0][0]).toBe('芯片');
  });

  it('leaves a bridged word alone when the question has nothing else to compare with', () => {
    const b = [{ en: 'chip', zh: [['碎片', 1], ['芯片', 0.5]] as [string, number][] }];
    expect(r.disambiguate(b, { terms: [] })).toEqual(b);
  });

  it('raises a passage by the share of an English question\u2019s concepts it holds', async () => {
    const q = 'How many institutional innovation results did Shandong produce in its free trade zone?';
    const on = await r.retrieve(q, { k: 20 });
    r.params = { ...r.params, conceptBonus: 0 };
    let off: typeof on;
    try {
      off = await r.retrieve(q, { k: 20 });
    } finally {
      r.params = { ...r.params, conceptBonus: 0.5 };
    }
    const offScore = new Map(off.map((h) => [h.chunk.id, h.score]));
    const gains = on.filter((h) => offScore.has(h.chunk.id)).map((h) => ({ text: h.chunk.text.replace(/\s+/g, ''), gain: h.score - offScore.get(h.chunk.id)! }));
    expect(gains.length).toBeGreaterThan(5);
    for (const g of gains) {
      expect(g.gain).toBeGreaterThanOrEqual(0);
      expect(g.gain).toBeLessThanOrEqual(0.5 + 1e-9);
    }
    const holdsAll = gains.filter((g) => ['山东', '自贸区', '制度创新', '成果'].every((t) => g.text.includes(t)));
    const holdsFew = gains.filter((g) => !g.text.includes('山东') && !g.text.includes('制度创新'));
    expect(holdsAll.length).toBeGreaterThan(0);
    expect(holdsFew.length).toBeGreaterThan(0);
    expect(Math.min(...holdsAll.map((g) => g.gain))).toBeGreaterThan(Math.max(...holdsFew.map((g) => g.gain)));
  });
});

describe('near-synonyms for Chinese question words the papers rarely use', () => {
  let r: HybridRetriever;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'retrieval-near-'));
    r = (await openRetriever({ corpusDir: 'corpus', indexDir: dir })).passages;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reaches passages in the papers’ wording (演变 → 演化) and lets them satisfy the concept', async () => {
    expect(r.bridge.near('演变')?.map(([t]) => t)).toContain('演化');
    const q = '产业合作的演变路径是怎样的？';
    const usesNear = (h: { chunk: { text: string } }) => h.chunk.text.includes('演化') && !h.chunk.text.includes('演变');
    const on = await r.retrieve(q, { k: 10 });
    const saved = r.params;
    r.params = { ...saved, nearWeight: 0 };
    let off: typeof on;
    try {
      off = await r.retrieve(q, { k: 10 });
    } finally {
      r.params = saved;
    }
    expect(on.filter(usesNear).length).toBeGreaterThan(off.filter(usesNear).length);
    // A word the papers use often is their own wording: no near-synonyms are added for it.
    expect((r as unknown as { nearGroups(q: string): unknown[] }).nearGroups('产业合作')).toEqual([]);
  });
});

describe('proximity: concepts stated in one sentence', () => {
  const concepts = [
    { alts: ['省财政'], weight: 1 },
    { alts: ['地方级税收', '地方税'], weight: 1 },
    { alts: ['分享'], weight: 1 },
  ];
  const w = [2, 2, 1];

  it('scores a passage by its best sentence, not by the passage as a whole', () => {
    const together = compactSentences('园区建设有序推进。地方级税收，省财政不参与分享。其余略。');
    const scattered = compactSentences('省财政安排专项资金。地方税收入增长较快。成果由双方分享。');
    expect(bestSentenceCoverage(concepts, w, together)).toBeCloseTo(1);
    // Every concept occurs in the scattered passage too, but never two in one sentence.
    expect(weightedCoverage(concepts, w, scattered.join(''))).toBeCloseTo(1);
    expect(bestSentenceCoverage(concepts, w, scattered)).toBeCloseTo(2 / 5);
    expect(bestSentenceCoverage(concepts, w, [])).toBe(0);
  });

  it('splits sentences at Chinese and Latin sentence ends, dropping whitespace', () => {
    expect(compactSentences('甲 乙。丙丁；Ab cd. 面积2.1平方公里')).toEqual(['甲乙。', '丙丁;', 'abcd.', '面积2.1平方公里']);
  });
});

describe('definition questions', () => {
  it('recognises Chinese ways of asking for a definition', () => {
    for (const q of ['产业飞地是什么？', '反向飞地的含义', '飞地经济这个概念应当怎样界定？', '如何理解园区合作？']) {
      expect(definitionPattern(q, ['产业飞地', '反向飞地', '飞地经济', '园区合作'])).toBeDefined();
    }
    expect(definitionPattern('产业飞地建了多少个？', ['产业飞地'])).toBeUndefined();
  });

  it('recognises an English definition question after a lead-in clause', () => {
    expect(definitionPattern('In the debate on innovation, what exactly is a reverse enclave?', ['反向飞地'])).toBeDefined();
    expect(definitionPattern('Who pays for a reverse enclave?', ['反向飞地'])).toBeUndefined();
  });

  it('matches a bare 指 as a definition, but not words that start with 指', () => {
    const re = definitionPattern('园区合作的含义是什么？', ['园区合作'])!;
    expect(re.test('园区合作指两个相互独立的园区平台')).toBe(true);
    expect(re.test('园区合作是指两个园区')).toBe(true);
    expect(re.test('园区合作指导意见')).toBe(false);
    expect(re.test('园区合作指标体系')).toBe(false);
  });
});
