/**
 * Warm retrieve latency per mode over the dev-set questions (H2's micro-benchmark; `npm run bench`
 * covers the whole product). Usage: npx tsx bench/retrieve-latency.ts [--index-dir DIR]
 */
import { parseArgs } from 'node:util';
import { loadDevset } from '../eval/devset';
import { openRetriever } from '../src/retrieval';
import type { RetrievalMode } from '../src/retrieval/types';

const { values } = parseArgs({ options: { 'index-dir': { type: 'string', default: 'index' }, rounds: { type: 'string', default: '5' } } });
const t0 = performance.now();
const retriever = await openRetriever({ indexDir: values['index-dir'], log: (m) => console.error(m) });
console.log(`open: ${retriever.origin} in ${(performance.now() - t0).toFixed(0)} ms, ${retriever.chunks.length} chunks, ${retriever.embedderId}`);
const questions = loadDevset().map((i) => i.question);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
for (const mode of ['lexical', 'vector', 'hybrid'] as RetrievalMode[]) {
  for (const q of questions) await retriever.retrieve(q, { mode }); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < Number(values.rounds); r++) {
    for (const q of questions) {
      const s = performance.now();
      await retriever.retrieve(q, { k: 5, mode });
      ms.push(performance.now() - s);
    }
  }
  ms.sort((a, b) => a - b);
  console.log(`${mode.padEnd(8)} n=${ms.length} p50=${pct(ms, 0.5).toFixed(2)} ms p95=${pct(ms, 0.95).toFixed(2)} ms max=${ms[ms.length - 1].toFixed(2)} ms`);
}
