import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkCorpus } from '../src/corpus/chunk';
import { loadCorpus } from '../src/corpus/load';
import type { Chunk } from '../src/corpus/schema';
import { createEmbedder, LsaEmbedder, OpenAIEmbedder } from '../src/retrieval/embedders';
import { indexText } from '../src/retrieval/hybrid';
import { openRetriever, type KnowledgeRetriever } from '../src/retrieval';
import { VectorIndex } from '../src/retrieval/vector';

const tmp: string[] = [];
const mkTmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `retrieval-${name}-`));
  tmp.push(d);
  return d;
};
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

const cosine = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

let chunks: Chunk[];
let texts: string[];
let lsa: LsaEmbedder;
beforeAll(() => {
  chunks = chunkCorpus(loadCorpus('corpus'));
  texts = chunks.map(indexText);
  lsa = new LsaEmbedder();
  lsa.fit(texts);
});

describe('LSA embedder', () => {
  it('is deterministic: two fits on the same corpus give identical vectors', async () => {
    const other = new LsaEmbedder();
    other.fit(texts);
    const q = '飞地园区的税收如何在飞出地和飞入地之间分成';
    expect(Array.from(await other.embedQuery(q))).toEqual(Array.from(await lsa.embedQuery(q)));
    expect(Array.from((await other.embedDocuments([texts[7]]))[0])).toEqual(Array.from((await lsa.embedDocuments([texts[7]]))[0]));
  });

  it('returns unit vectors of the declared dimension', async () => {
    const v = await lsa.embedQuery('反向飞地');
    expect(v.length).toBe(lsa.dim);
    expect(Math.sqrt(cosine(v, v))).toBeCloseTo(1, 5);
  });

  it('puts related wording closer than unrelated wording', async () => {
    const q = await lsa.embedQuery('飞地园区的收益分成');
    const related = await lsa.embedQuery('合作双方协商确定税收分享比例');
    const unrelated = await lsa.embedQuery('中欧班列开行线路重复');
    expect(cosine(q, related)).toBeGreaterThan(cosine(q, unrelated));
  });

  it('saves and loads to the same vectors; refuses files of another configuration', async () => {
    const dir = mkTmp('lsa');
    lsa.save(dir);
    const loaded = new LsaEmbedder();
    loaded.load(dir);
    const q = '山海协作飞地经济';
    expect(Array.from(await loaded.embedQuery(q))).toEqual(Array.from(await lsa.embedQuery(q)));
    expect(() => new LsaEmbedder({ dim: 64 }).load(dir)).toThrow(/built by/);
  });

  it('throws a clear error when used before fit or load', async () => {
    await expect(new LsaEmbedder().embedQuery('飞地')).rejects.toThrow(/before fit/);
  });
});

describe('createEmbedder', () => {
  it('picks LSA without an API key and OpenAI with one and an explicit embedding model', () => {
    const env = { OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small' };
    expect(createEmbedder({ OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small' } as never, env)).toBeInstanceOf(LsaEmbedder);
    const e = createEmbedder({ OPENAI_API_KEY: 'sk-test', OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small' } as never, env);
    expect(e).toBeInstanceOf(OpenAIEmbedder);
    expect(e.id).toBe('openai:text-embedding-3-small');
  });
});

describe('HNSW vector index', () => {
  it('matches brute-force cosine top-k on the real corpus, also after write/read', async () => {
    const vecs = await lsa.embedDocuments(texts);
    const index = VectorIndex.build(vecs, lsa.dim);
    const file = join(mkTmp('hnsw'), 'hnsw.bin');
    index.write(file);
    const reread = VectorIndex.read(file, lsa.dim, vecs.length);
    const queries = ['飞地接力', '反向飞地 衢州 海创园', '新亚欧大陆桥 园区合作', '消薄飞地 集体经济薄弱村', '利益分配 公司制', 'reverse enclave 反向飞地'];
    for (const q of queries) {
      const qv = await lsa.embedQuery(q);
      const brute = vecs
        .map((v, label) => ({ label, sim: cosine(qv, v) }))
        .sort((a, b) => b.sim - a.sim)
        .slice(0, 10);
      for (const idx of [index, reread]) {
        const got = idx.search(qv, 10);
        expect(got.map((r) => r.label)).toEqual(brute.map((r) => r.label));
        got.forEach((r, i) => expect(r.similarity).toBeCloseTo(brute[i].sim, 4));
      }
    }
  });

  it('refuses a file that does not hold the expected number of vectors', async () => {
    const vecs = await lsa.embedDocuments(texts.slice(0, 5));
    const file = join(mkTmp('hnsw2'), 'hnsw.bin');
    VectorIndex.build(vecs, lsa.dim).write(file);
    expect(() => VectorIndex.read(file, lsa.dim, 6)).toThrow(/expected 6/);
  });
});

describe('index persistence', () => {
  const logs: { message: string; level: string }[] = [];
  const log = (message: string, level: 'info' | 'warn') => logs.push({ message, level });
  let corpusDir: string;
  let indexDir: string;
  const open = (force = false) => openRetriever({ corpusDir, indexDir, log, force });
  const buildDir = () => JSON.parse(readFileSync(join(indexDir, 'manifest.json'), 'utf8')).build as string;

  beforeAll(() => {
    corpusDir = mkTmp('corpus');
    // Without manifest.json the loader takes every *.md, so a test may edit a document.
    for (const f of readdirSync('corpus').filter((f) => f.endsWith('.md') && f !== 'README.md')) cpSync(join('corpus', f), join(corpusDir, f));
    indexDir = join(mkTmp('index'), 'index');
  });

  it('builds when missing, then loads without rebuilding', async () => {
    const first = await open();
    expect(first.origin).toBe('built');
    expect(existsSync(join(indexDir, 'manifest.json'))).toBe(true);
    logs.length = 0;
    const second = await open();
    expect(second.origin).toBe('loaded');
    expect(logs).toEqual([]);
    const q = '消薄飞地的收益保底';
    const [a, b] = [await first.retrieve(q), await second.retrieve(q)];
    expect(b.map((h) => h.chunk.id)).toEqual(a.map((h) => h.chunk.id));
    b.forEach((h, i) => expect(h.score).toBeCloseTo(a[i].score, 5));
  });

  it('rebuilds with a warning when an index file is corrupt', async () => {
    writeFileSync(join(indexDir, buildDir(), 'hnsw.bin'), 'garbage');
    logs.length = 0;
    const r = await open();
    expect(r.origin).toBe('built');
    expect(logs.some((l) => l.level === 'warn' && /corrupt/.test(l.message))).toBe(true);
    expect((await open()).origin).toBe('loaded');
  });

  it('rebuilds with a warning when the manifest is unreadable', async () => {
    writeFileSync(join(indexDir, 'manifest.json'), '{"half": ');
    logs.length = 0;
    expect((await open()).origin).toBe('built');
    expect(logs.some((l) => l.level === 'warn' && /unreadable/.test(l.message))).toBe(true);
  });

  it('rebuilds when the LSA model file is truncated', async () => {
    const f = join(indexDir, buildDir(), 'lsa.f32');
    writeFileSync(f, readFileSync(f).subarray(0, 100));
    logs.length = 0;
    expect((await open()).origin).toBe('built');
    expect(logs.some((l) => l.level === 'warn')).toBe(true);
  });

  it('rebuilds when the corpus changes (stale hash)', async () => {
    const doc = readdirSync(corpusDir).find((f) => f.startsWith('004'))!;
    appendFileSync(join(corpusDir, doc), '\n\n## 补充\n\n测试用的新增段落：飞地园区的补充说明。\n');
    logs.length = 0;
    const r = await open();
    expect(r.origin).toBe('built');
    expect(logs.some((l) => l.level === 'warn' && /stale/.test(l.message))).toBe(true);
    expect(r.chunks.some((c) => c.text.includes('测试用的新增段落'))).toBe(true);
    expect((await open()).origin).toBe('loaded');
  });

  it('rebuilds on force', async () => {
    expect((await open(true)).origin).toBe('built');
  });

  it('keeps working from memory when the index cannot be saved', async () => {
    const blocked = join(mkTmp('blocked'), 'file');
    writeFileSync(blocked, 'not a directory');
    logs.length = 0;
    const r = await openRetriever({ corpusDir, indexDir: join(blocked, 'index'), log });
    expect(r.origin).toBe('built');
    expect(logs.some((l) => l.level === 'warn' && /could not save/.test(l.message))).toBe(true);
    expect((await r.retrieve('飞地')).length).toBeGreaterThan(0);
  });
});

describe('remote embedder failures', () => {
  it('falls back to the local LSA embedder when the embeddings API is unreachable at build time', async () => {
    const logs: string[] = [];
    const embedder = new OpenAIEmbedder({ apiKey: 'sk-test', model: 'text-embedding-3-small', baseURL: 'http://127.0.0.1:9/v1', timeoutMs: 2000 });
    const r = await openRetriever({ indexDir: join(mkTmp('openai-down'), 'index'), embedder, log: (m) => logs.push(m) });
    expect(r.embedderId).toMatch(/^lsa-/);
    expect(logs.some((m) => /openai:text-embedding-3-small failed/.test(m))).toBe(true);
    expect((await r.retrieve('反向飞地')).length).toBe(5);
  }, 30_000);

  it('answers from BM25 alone when query embedding fails', async () => {
    // Documents embed fine (a fixed pseudo-vector per text), queries throw: as a remote API that went down.
    const dim = 8;
    const embedder = {
      id: 'flaky:1',
      dim,
      embedDocuments: async (ts: string[]) =>
        ts.map((t, i) => Float32Array.from({ length: dim }, (_, j) => Math.sin(i + j + t.length) + 1.5)),
      embedQuery: async (): Promise<Float32Array> => {
        throw new Error('503 Service Unavailable');
      },
    };
    const logs: string[] = [];
    const r = await openRetriever({ indexDir: join(mkTmp('flaky'), 'index'), embedder, log: (m) => logs.push(m) });
    const hits = await r.retrieve('省财政不参与分享', { k: 3 });
    expect(hits[0].chunk.source.startsWith('004')).toBe(true);
    expect(hits.every((h) => h.lexical && !h.vector)).toBe(true);
    expect(logs.some((m) => /503/.test(m))).toBe(true);
  });
});

describe('hybrid retrieval on the real corpus', () => {
  let r: KnowledgeRetriever;
  beforeAll(async () => {
    r = await openRetriever({ indexDir: join(mkTmp('real'), 'index') });
  });

  // Our own questions (not the dev set), each with the document that answers it.
  const cases: [string, string][] = [
    ['消薄飞地是为了帮助什么样的村？', '004'],
    ['浙江山区26县产业飞地在利益分配上有什么难点？', '001'],
    ['新亚欧大陆桥经济走廊国内段经过哪些省份？', '002'],
    ['衢州海创园是怎样引进创新人才的？', '003'],
    ['飞地接力中的终端飞地一般设在哪些国家？', '000'],
    ['What is the reverse enclave model used by Quzhou?', '003'],
    ['How does the enclave relay connect Chinese and Southeast Asian industrial chains?', '000'],
    ["What problems do industrial enclaves in Zhejiang's 26 mountainous counties face with infrastructure?", '001'],
    ['How many ecological compensation enclaves has Zhejiang built?', '004'],
    ['How do parks along the New Eurasian Land Bridge cooperate on government services?', '002'],
  ];
  it.each(cases)('%s → document %s in the top 5', async (q, doc) => {
    const hits = await r.retrieve(q, { k: 5, mode: 'hybrid' });
    expect(hits.map((h) => h.chunk.source.slice(0, 3))).toContain(doc);
  });

  it('fills channel scores per mode and a coverage in [0, 1]', async () => {
    const q = '生态补偿飞地';
    const lex = await r.retrieve(q, { k: 3, mode: 'lexical' });
    expect(lex.every((h) => h.lexical && !h.vector)).toBe(true);
    const vec = await r.retrieve(q, { k: 3, mode: 'vector' });
    expect(vec.every((h) => h.vector && !h.lexical)).toBe(true);
    const hy = await r.retrieve(q, { k: 5 });
    expect(hy).toHaveLength(5);
    expect(hy.every((h) => h.coverage! >= 0 && h.coverage! <= 1)).toBe(true);
    expect(hy[0].coverage).toBe(1);
    for (let i = 1; i < hy.length; i++) expect(hy[i - 1].score).toBeGreaterThanOrEqual(hy[i].score);
  });

  it('gives low coverage for a question the corpus does not cover', async () => {
    const [top] = await r.retrieve('量子计算机的纠错码原理', { k: 1 });
    expect(top?.coverage ?? 0).toBeLessThan(0.5);
  });

  it('uses the previous question as context for a follow-up', async () => {
    const alone = await r.retrieve('那收益怎么分？', { k: 5 });
    const followUp = await r.retrieve('那收益怎么分？', { k: 5, context: '浙江的消薄飞地是什么？' });
    const has004 = (hs: typeof alone) => hs.some((h) => h.chunk.source.startsWith('004'));
    expect(has004(followUp)).toBe(true);
    expect(followUp.map((h) => h.chunk.id)).not.toEqual(alone.map((h) => h.chunk.id));
  });

  it('returns nothing for an empty question or one without a single known term', async () => {
    expect(await r.retrieve('   ')).toEqual([]);
    expect(await r.retrieve('🙂🙂 ???')).toEqual([]);
  });

  it('returns k hits even beyond the fusion depth, each chunk once', async () => {
    const hits = await r.retrieve('飞地园区', { k: 80 });
    expect(hits).toHaveLength(80);
    expect(new Set(hits.map((h) => h.chunk.id)).size).toBe(80);
  });
});
