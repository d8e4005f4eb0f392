/**
 * Cost of verifying a streamed LLM answer as it grows (H36). The real LLM advisor talks HTTP to the
 * test stub (test/llm-stub.ts), which streams a 100-sentence cited answer in 3-character deltas; the
 * same answer is also asked without streaming, so the difference is what streaming verification costs.
 * Prints wall time, the longest event-loop stall, and a digest of the partials (identical digests
 * before and after a change mean the user saw the same sequence of partial answers).
 * Usage: npx tsx bench/stream-verify.ts [--sentences 100] [--rounds 3]
 */
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { AskResult } from '../src/advisor/types';
import { ConfigSchema } from '../src/config';
import { chunkCorpus } from '../src/corpus/chunk';
import { loadCorpus } from '../src/corpus/load';
import { createLlmAdvisor } from '../src/llm';
import type { Retriever } from '../src/retrieval/types';
import { citedSentences, startStub, type ChatRequest, type Reply } from '../test/llm-stub';

const { values } = parseArgs({ options: { sentences: { type: 'string', default: '100' }, rounds: { type: 'string', default: '3' } } });
const SENTENCES = Number(values.sentences);
const QUESTION = '飞地经济的利益如何分配？';

const chunks = chunkCorpus(loadCorpus('corpus'));
/** The first five chunks on benefit sharing: enough passages to cite (retrieval quality is not measured here). */
const retriever: Retriever = {
  async retrieve(_query, opts = {}) {
    return chunks.filter((c) => c.text.includes('利益分配')).slice(0, opts.k ?? 5).map((chunk) => ({ chunk, score: 1 }));
  },
};

/** Verbatim cited sentences of the retrieved passages, repeated up to SENTENCES, three to a paragraph. */
function answer(req: ChatRequest): string {
  const one = citedSentences(req);
  const all = Array.from({ length: SENTENCES }, (_, i) => one[i % one.length]);
  return all.map((s, i) => (i > 0 && i % 3 === 0 ? `\n\n${s}` : s)).join('');
}

function script(req: ChatRequest): Reply {
  if (!req.messages.some((m) => m.role === 'tool')) return { toolCalls: [{ name: 'retrieve_passages', arguments: JSON.stringify({ query: QUESTION, k: 5 }) }] };
  return { content: answer(req) };
}

const stub = await startStub(script);
const config = ConfigSchema.parse({ OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: stub.baseURL, OPENAI_MODEL: 'stub-model', LLM_TIMEOUT_MS: '60000' });
const offline = { ask: async (): Promise<AskResult> => ({ answered: false, answer: 'offline', citations: [], lang: 'zh', via: 'offline' }) };
const advisor = createLlmAdvisor({ config, retriever, offline });

async function once(stream: boolean) {
  const partials: string[] = [];
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  const res = stream ? await advisor.askStream(QUESTION, {}, (t) => partials.push(t)) : await advisor.ask(QUESTION);
  const ms = performance.now() - t0;
  h.disable();
  const digest = createHash('sha256').update(JSON.stringify([partials, res])).digest('hex').slice(0, 12);
  return { ms, stallMs: h.max / 1e6, partials: partials.length, chars: res.answer.length, via: res.via, digest };
}

await once(true); // warm-up (JIT, corpus splitter)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const stream of [false, true]) {
  const runs = [];
  for (let r = 0; r < Number(values.rounds); r++) runs.push(await once(stream));
  const last = runs[runs.length - 1];
  console.log(
    `${stream ? 'askStream' : 'ask      '} sentences=${SENTENCES} chars=${last.chars} via=${last.via} partials=${last.partials} ` +
      `wall p50=${median(runs.map((r) => r.ms)).toFixed(0)} ms, longest event-loop stall p50=${median(runs.map((r) => r.stallMs)).toFixed(1)} ms, digest=${last.digest}`,
  );
}
await stub.close();
