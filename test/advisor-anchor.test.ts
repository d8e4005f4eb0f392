import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRetriever, type HybridRetriever } from '../src/retrieval';
import { createOfflineAdvisor } from '../src/advisor/offline';
import { CorpusStats } from '../src/advisor/stats';
import { extractConcepts } from '../src/advisor/terms';
import { ANCHOR_MIN, domainAnchor, evidenceStrength, type EvidenceSignals } from '../src/advisor/decline';

let dir: string;
let retriever: HybridRetriever;
let stats: CorpusStats;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'advisor-anchor-'));
  retriever = await openRetriever({ corpusDir: 'corpus', indexDir: dir });
  stats = new CorpusStats(retriever.chunks.map((c) => c.text));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const anchor = (q: string) => domainAnchor(extractConcepts(q, stats, { aliases: (w) => retriever.bridge?.chinese(w) }), stats);

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
    const advisor = createOfflineAdvisor(retriever);
    expect((await advisor.ask('量子计算机的主要工作原理是什么？')).answered).toBe(false);
    expect((await advisor.ask('科创飞地的收益怎么分配？')).answered).toBe(true);
  });
});
