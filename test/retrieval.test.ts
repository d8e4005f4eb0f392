import { describe, expect, it } from 'vitest';
import { Bm25, weightedBag } from '../src/retrieval/bm25';
import { expandQuery, expandSynonyms, getGlossary, glossChinese } from '../src/retrieval/glossary';
import { contentTerms, stem, tokenize, tokenizeParts, userDictTerms } from '../src/retrieval/tokenize';

describe('tokenize', () => {
  it('keeps every user-dictionary term whole', () => {
    const missing = userDictTerms().filter((t) => !tokenize(`关于${t}的研究`).includes(t.toLowerCase()));
    expect(missing).toEqual([]);
  });

  it('keeps domain compounds that plain jieba splits', () => {
    const toks = tokenize('飞地接力模式下的消薄飞地与生态补偿飞地，帮扶集体经济薄弱村');
    for (const t of ['飞地接力', '消薄飞地', '生态补偿飞地', '集体经济薄弱村']) expect(toks).toContain(t);
  });

  it('adds CJK bigrams but none across stopwords or punctuation', () => {
    const { bigrams } = tokenizeParts('什么是山海协作？');
    expect(bigrams).toContain('山海');
    expect(bigrams).toContain('协作');
    expect(bigrams).not.toContain('么是');
    expect(bigrams).not.toContain('是山');
    expect(bigrams.some((b) => /[？?]/.test(b))).toBe(false);
  });

  it('drops stopwords and punctuation, lowercases and stems English, keeps numbers', () => {
    const toks = tokenize('What are the Enclaves of Quzhou? 2017年，发改地区〔2017〕922号');
    expect(toks).toContain('enclave');
    expect(toks).toContain('quzhou');
    expect(toks).toContain('2017');
    expect(toks).toContain('922');
    for (const stop of ['what', 'are', 'the', 'of', '，', '?', '〔']) expect(toks).not.toContain(stop);
  });

  it('folds full-width characters (NFKC)', () => {
    expect(tokenize('ＧＤＰ增长２０２２')).toEqual(expect.arrayContaining(['gdp', '2022']));
  });

  it('stems plurals and -ing/-ed forms to one form', () => {
    expect(stem('enclaves')).toBe(stem('enclave'));
    expect(stem('cities')).toBe('city');
    expect(stem('sharing')).toBe(stem('shared'));
  });

  it('contentTerms drops the sub-words search mode adds inside a longer word', () => {
    expect(contentTerms('消薄飞地的收益')).toEqual(['消薄飞地', '收益']);
  });
});

describe('glossary', () => {
  it('has 150+ valid entries', () => {
    expect(getGlossary().length).toBeGreaterThanOrEqual(150);
  });

  it('expands English phrases with the longest match first', () => {
    const e = expandQuery('What is a reverse enclave in Quzhou?');
    expect(e.terms.map((t) => t.en)).toEqual(['reverse enclave', 'quzhou']);
    expect(e.added).toEqual(expect.arrayContaining(['反向飞地', '衢州']));
    expect(e.added).not.toContain('飞地');
    expect(e.text.startsWith('What is a reverse enclave in Quzhou?')).toBe(true);
  });

  it('maps the domain vocabulary the issue names', () => {
    const cases: [string, string][] = [
      ['enclave economy', '飞地经济'],
      ['relay', '接力'],
      ['profit sharing', '收益分成'],
      ['benefit sharing', '利益分配'],
      ['tax sharing', '税收分成'],
      ['mountain-sea cooperation', '山海协作'],
      ['ecological compensation', '生态补偿'],
      ['Southeast Asia', '东南亚'],
      ['enclaves', '飞地'],
    ];
    for (const [en, zh] of cases) expect(expandQuery(en).added, en).toContain(zh);
  });

  it('leaves Chinese questions unchanged', () => {
    const e = expandQuery('消薄飞地的收益怎么分？');
    expect(e.added).toEqual([]);
    expect(e.text).toBe('消薄飞地的收益怎么分？');
  });

  it('adds the papers’ wordings for everyday Chinese, not the words already asked', () => {
    const added = expandSynonyms('看病和孩子上学能不能和当地人一样？');
    expect(added).toEqual(expect.arrayContaining(['医疗', '教育', '同城同待遇']));
    expect(added).not.toContain('看病');
    expect(expandSynonyms('量子纠错码')).toEqual([]);
  });

  it('glosses Chinese terms without overlapping shorter ones', () => {
    const g = glossChinese('衢州在杭州设立反向飞地，推动山海协作。');
    expect(g.map((x) => x.zh)).toEqual(['衢州', '杭州', '反向飞地', '山海协作']);
    expect(g.find((x) => x.zh === '反向飞地')?.en).toBe('reverse enclave');
  });
});

describe('BM25', () => {
  const docs = [
    '产业飞地的利益分配机制需要进一步完善，税收按比例分享。',
    '飞地园区形成的地方级税收，省财政不参与分享，由飞出地与飞入地协商确定具体分成。',
    '中欧班列线路重复问题依然存在。',
    '飞地经济是区域协调发展的重要手段，飞地园区建设加快推进。',
  ].map(tokenize);
  const bm25 = Bm25.build(docs);

  it('ranks the passage containing the exact phrase first', () => {
    const q = weightedBag(tokenize('省财政不参与分享'));
    expect(bm25.search(q, 4)[0].doc).toBe(1);
    expect(bm25.search(weightedBag(tokenize('中欧班列')), 4).map((r) => r.doc)).toEqual([2]);
  });

  it('weights query terms (zero weight contributes nothing)', () => {
    const a = bm25.scores(new Map([['税收', 1]]));
    const b = bm25.scores(new Map([['税收', 2]]));
    const z = bm25.scores(new Map([['税收', 0]]));
    expect(b[1]).toBeCloseTo(2 * a[1]);
    expect([...z].every((x) => x === 0)).toBe(true);
  });

  it('scores a rarer term higher than a common one', () => {
    expect(bm25.idfOf('班列')).toBeGreaterThan(bm25.idfOf('飞地'));
  });

  it('survives a JSON round trip with identical scores', () => {
    const copy = Bm25.fromJSON(JSON.parse(JSON.stringify(bm25.toJSON())));
    const q = weightedBag(tokenize('飞地园区税收分成'));
    expect([...copy.scores(q)]).toEqual([...bm25.scores(q)]);
  });

  it('rejects malformed data', () => {
    expect(() => Bm25.fromJSON({} as never)).toThrow();
  });
});

describe('topK over many scores', () => {
  it('returns exactly what a full sort returns, ties broken by document order', async () => {
    const { topK } = await import('../src/retrieval/bm25');
    // Deterministic pseudo-random scores with ties and zeros, more than four times the limit.
    const scores = Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 97) / 10 - (i % 13 === 0 ? 20 : 0));
    const full = scores
      .map((score, doc) => ({ doc, score }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, 90);
    expect(topK(scores, 90)).toEqual(full);
    expect(topK(new Float32Array(scores), 5)).toEqual(full.slice(0, 5).map((r) => ({ doc: r.doc, score: Math.fround(r.score) })));
    expect(topK([0, -1, 0], 3)).toEqual([]);
    // (every limit the channels use, and one past the count of positive scores)
    const all = scores.map((score, doc) => ({ doc, score })).filter((r) => r.score > 0).sort((a, b) => b.score - a.score || a.doc - b.doc);
    for (const limit of [1, 2, 7, 30, 60, 500, all.length + 1]) expect(topK(scores, limit)).toEqual(all.slice(0, limit));
  });
});
