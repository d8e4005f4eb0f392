import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAdvisor } from '../src/advisor/offline';
import { openRetriever, type HybridRetriever } from '../src/retrieval';
import { americanize, Bridge, buildBridge, glossWords } from '../src/retrieval/bridge';
import { readCedict } from '../src/retrieval/cedict';
import { expandQuery, getGlossary, glossaryGaps, normalizeQuestion } from '../src/retrieval/glossary';
import type { Hit, RetrieveOptions, Retriever } from '../src/retrieval/types';

describe('dictionary bridge (synthetic corpus and dictionary)', () => {
  const corpus = '该地区城镇化水平较低，人口外流，厂房闲置。';
  const dict = [
    { zh: '城镇化', glosses: ['urbanization'] },
    { zh: '人口', glosses: ['population', 'people'] },
    { zh: '厂房', glosses: ['factory building', 'workshop'] },
    { zh: '工厂', glosses: ['factory', 'workshop'] },
    { zh: '火星', glosses: ['Mars (planet)'] },
    { zh: '区别', glosses: ['CL:个[ge4]', 'see 区分[qu1 fen1]'] },
  ];
  const bridge = new Bridge(buildBridge(corpus, dict));

  it('maps an English word to the corpus term whose sense it is', () => {
    expect(bridge.english([glossWords('population')])[0].zh.map(([t]) => t)).toEqual(['人口']);
    expect(bridge.english([glossWords('urbanization')])[0].zh[0][0]).toBe('城镇化');
  });

  it('keeps only headwords that occur in the corpus, and no cross-references as senses', () => {
    expect(bridge.english([glossWords('Mars')])).toEqual([]);
    expect(bridge.english([glossWords('see')])).toEqual([]);
  });

  it('reaches a word that is only part of a sense, at a lower weight', () => {
    const [m] = bridge.english([glossWords('factory')]);
    expect(m.zh.map(([t]) => t)).toContain('厂房');
    expect(m.zh[0][1]).toBeLessThan(1);
  });

  it('maps a Chinese word the corpus never uses to corpus words sharing its sense', () => {
    expect(bridge.chinese('工厂')?.map(([t]) => t)).toContain('厂房');
    expect(bridge.chinese('人口')).toBeUndefined();
  });

  it('links corpus words sharing a head or tail character and a sense, not a character alone', () => {
    const text = '产业形态不断演化，结构逐步演进，人口与人员流动加快。';
    const near = new Bridge(
      buildBridge(text, [
        { zh: '演化', glosses: ['evolution', 'to evolve'] },
        { zh: '演进', glosses: ['evolution', 'to progress'] },
        { zh: '演变', glosses: ['to develop', 'evolution'] },
        { zh: '人口', glosses: ['population'] },
        { zh: '人员', glosses: ['staff', 'personnel'] },
      ]),
    );
    expect(near.near('演化')?.map(([t]) => t)).toEqual(['演进']);
    expect(near.near('人口')).toBeUndefined();
    // 演变 is not in this corpus: it is bridged by the absent-word path, not as a near-synonym.
    expect(near.near('演变')).toBeUndefined();
  });

  it('respells British English only when the American form is known', () => {
    const known = (w: string) => ['urbanization', 'labor'].includes(w);
    expect(americanize('urbanisation', known)).toBe('urbanization');
    expect(americanize('labour', known)).toBe('labor');
    expect(americanize('enterprise', known)).toBe('enterprise');
  });

  it('normalises dashes and curly quotes in questions', () => {
    expect(normalizeQuestion('mountain–sea ‘relay’ “model”')).toBe(`mountain-sea 'relay' "model"`);
  });
});

describe('glossary against the corpus', () => {
  let r: HybridRetriever;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bridge-test-'));
    r = (await openRetriever({ corpusDir: 'corpus', indexDir: dir })).passages;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('catches an entry whose Chinese never occurs in the corpus, and leaves its words to the bridge', () => {
    const fake = { en: ['moon base'], zh: ['月球基地'] };
    expect(glossaryGaps([fake, { en: ['enclave'], zh: ['飞地'] }], r.present)).toEqual([fake]);
    // A real entry whose only term is absent from the corpus matches nothing when presence is known.
    const absent = glossaryGaps(getGlossary(), r.present).find((e) => /^[a-z]+$/.test(e.en[0]));
    expect(absent).toBeDefined();
    const e = expandQuery(`what about ${absent!.en[0]}`, { present: r.present });
    expect(e.added).toEqual([]);
    expect(e.rest.flat()).toContain(absent!.en[0]);
  });

  it('every glossary term a matched phrase adds occurs in the corpus', () => {
    const e = expandQuery('How is tax revenue shared in a reverse enclave?', { present: r.present });
    expect(e.added.length).toBeGreaterThan(0);
    for (const zh of e.added) expect(r.present(zh), zh).toBe(true);
  });

  it('the real bridge maps English words outside the glossary to the corpus terms', () => {
    for (const [en, zh] of [['stickiness', '黏性'], ['scarcity', '稀缺'], ['interface', '接口']] as const) {
      expect(expandQuery(en).added, `${en} must not be in the glossary for this test`).toEqual([]);
      const word = americanize(en, (w) => r.bridge.knows(w));
      const terms = r.bridge.english([glossWords(word)]).flatMap((m) => m.zh.map(([t]) => t));
      expect(terms, en).toContain(zh);
    }
  });

  it('an English question with a non-glossary word finds the Chinese passage holding it', async () => {
    expect(expandQuery('stickiness').added).toEqual([]);
    const hits = await r.retrieve('Why does the stickiness of complex knowledge matter?', { k: 5 });
    expect(hits.some((h) => h.chunk.text.includes('黏性'))).toBe(true);
  });

  it('saves the bridge with the index and loads it back', async () => {
    const again = await openRetriever({ corpusDir: 'corpus', indexDir: dir });
    expect(again.origin).toBe('loaded');
    expect(again.bridge.size).toBe(r.bridge.size);
    expect(r.bridge.size).toBeGreaterThan(1000);
    expect(existsSync(dir)).toBe(true);
  });

  it('the dictionary loads from the installed package, offline', () => {
    const all = [...readCedict()];
    expect(all.length).toBeGreaterThan(100_000);
    expect(all.find((e) => e.zh === '飞地')?.glosses[0]).toMatch(/enclave/);
  });

  it("an English question's retrieve ranking is the one the advisor answers from", async () => {
    const calls: { q: string; hits: Hit[] }[] = [];
    const spy: Retriever & { docs: typeof r.docs; chunks: typeof r.chunks } = {
      docs: r.docs,
      chunks: r.chunks,
      async retrieve(q: string, o?: RetrieveOptions) {
        const hits = await r.retrieve(q, o);
        calls.push({ q, hits });
        return hits;
      },
    };
    const q = 'How do the mountain counties share tax revenue from enclave parks?';
    await createOfflineAdvisor(spy).ask(q);
    const cli = await r.retrieve(q, { k: 5 });
    const first = calls.find((c) => c.q === q)!;
    expect(first.hits.slice(0, 5).map((h) => h.chunk.id)).toEqual(cli.map((h) => h.chunk.id));
    // The Chinese-terms pass is inside retrieve: the top hits are Chinese body passages.
    expect(cli.filter((h) => /[\u4e00-\u9fff]{20}/.test(h.chunk.text)).length).toBeGreaterThanOrEqual(4);
  });
});
