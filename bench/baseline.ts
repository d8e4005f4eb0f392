/**
 * The yardstick for latency: plain BM25 (wink-bm25-text-search) over the raw source texts (or, on a
 * clone without them, the shipped papers' bodies) cut into
 * fixed windows, tokenised as CJK character bigrams plus lower-cased Latin words. No jieba, no
 * vectors, no rerank, no answer composition — "how fast can a search over this corpus be".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import bm25 from 'wink-bm25-text-search';

export function plainTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[\u3400-\u9fff]+|[a-z0-9]+/g) ?? []) {
    if (/^[a-z0-9]/.test(run)) out.push(run);
    else if (run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

export interface Baseline {
  windows: number;
  search(query: string, k: number): Array<{ source: string; text: string; score: number }>;
}

/** A text the baseline searches, named by its source. */
export interface BaselineText {
  source: string;
  text: string;
}

/**
 * The texts the baseline searches: the raw source texts beside the repository when they are there
 * (`../shared/corpus-src`), else the shipped papers' bodies (`corpus/*.md` after the front matter) —
 * a user's clone has only those.
 */
export function baselineTexts(rawDir: string, corpusDir: string): { from: 'raw' | 'corpus'; texts: BaselineText[] } {
  if (existsSync(rawDir)) {
    const texts = readdirSync(rawDir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ source: f, text: readFileSync(join(rawDir, f), 'utf8') }));
    return { from: 'raw', texts };
  }
  const texts = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => ({ source: f, text: readFileSync(join(corpusDir, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '') }));
  return { from: 'corpus', texts };
}

export function buildBaseline(texts: BaselineText[], windowChars = 300): Baseline {
  const windows: Array<{ source: string; text: string }> = [];
  for (const { source, text } of texts) {
    for (let i = 0; i < text.length; i += windowChars) windows.push({ source, text: text.slice(i, i + windowChars) });
  }
  const engine = bm25();
  engine.defineConfig({ fldWeights: { body: 1 } });
  engine.definePrepTasks([plainTokens]);
  windows.forEach((w, i) => engine.addDoc({ body: w.text }, i));
  engine.consolidate();
  return {
    windows: windows.length,
    search: (query, k) => engine.search(query, k).map(([id, score]) => ({ ...windows[Number(id)], score })),
  };
}
