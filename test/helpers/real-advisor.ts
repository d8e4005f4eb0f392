/**
 * The real offline advisor over the real corpus, for tests that check its behaviour. The index is
 * built once per run by test/global-setup.ts and only loaded here (loading writes nothing, so
 * parallel workers can share it); tests that check index building or persistence keep their own dirs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { openRetriever, type KnowledgeRetriever } from '../../src/retrieval';
import { createOfflineAdvisor } from '../../src/advisor/offline';
import { CorpusStats } from '../../src/advisor/stats';
import { extractConcepts } from '../../src/advisor/terms';

export interface RealAdvisor {
  retriever: KnowledgeRetriever;
  advisor: ReturnType<typeof createOfflineAdvisor>;
  /** Word statistics over the chunk texts. */
  stats: CorpusStats;
  /** The question's concepts, English words bridged to corpus Chinese as the advisor does. */
  concepts: (q: string) => ReturnType<typeof extractConcepts>;
}

/** Registers beforeAll/afterAll; the returned fixture's fields are filled in beforeAll. */
export function useRealAdvisor(name: string): RealAdvisor {
  const fx = {
    concepts: (q: string) => extractConcepts(q, fx.stats, { aliases: (w) => fx.retriever.bridge.chinese(w) }),
  } as RealAdvisor;
  let ownDir: string | undefined;

  beforeAll(async () => {
    // Without the global setup (another config), build a private index as before.
    let indexDir = inject('realIndexDir');
    if (!indexDir) indexDir = ownDir = mkdtempSync(join(tmpdir(), `${name}-`));
    fx.retriever = await openRetriever({ corpusDir: 'corpus', indexDir });
    fx.advisor = createOfflineAdvisor(fx.retriever);
    fx.stats = new CorpusStats(fx.retriever.chunks.map((c) => c.text));
  }, 120_000);

  afterAll(() => {
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  });

  return fx;
}
