/**
 * The seam end to end: createServices picks the LLM advisor when OPENAI_API_KEY is set (real index,
 * real retriever, real offline fallback), and the offline one otherwise. The "model" is a local
 * OpenAI-compatible server that retrieves with the user's question and cites the first sentence.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { loadCorpus } from '../src/corpus/load';
import { splitSentences } from '../src/corpus/sentences';
import { createServices } from '../src/services';
import { passagesIn, startStub, type Stub } from './llm-stub';

let stub: Stub;
let indexDir: string;
const lines: string[] = [];

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), 'llm-services-'));
  stub = await startStub((req) => {
    if (!req.messages.some((m) => m.role === 'tool')) {
      const q = /<user_question>\n([\s\S]*?)\n<\/user_question>/.exec(String(req.messages[1].content))![1];
      return { toolCalls: [{ name: 'retrieve_passages', arguments: JSON.stringify({ query: q, k: 3 }) }] };
    }
    const [n, p] = [...passagesIn(req)][0];
    const s = splitSentences(p.text).find((x) => x.text.length > 15 && !x.text.startsWith('#'))!;
    return { content: `${s.text}[${n}]` };
  });
});

afterAll(async () => {
  await stub.close();
  rmSync(indexDir, { recursive: true, force: true });
});

describe('createServices and the LLM seam', () => {
  it('without a key: the offline advisor, and src/llm is not needed', async () => {
    const s = await createServices(loadConfig({ INDEX_DIR: indexDir }), { log: () => {} });
    expect(s.advisor).toBe(s.offlineAdvisor);
    const res = await s.advisor.ask('飞地经济的税收如何分成？');
    expect(res.via).toBe('offline');
  });

  it('with a key: the LLM advisor over the real retriever; answers verified against the corpus, usage logged', async () => {
    const config = loadConfig({ INDEX_DIR: indexDir, OPENAI_API_KEY: 'sk-services-test', OPENAI_BASE_URL: stub.baseURL, OPENAI_MODEL: 'stub', LLM_TIMEOUT_MS: '10000' });
    const s = await createServices(config, { log: (m) => lines.push(m) });
    expect(s.advisor).not.toBe(s.offlineAdvisor);
    const res = await s.advisor.ask('飞地经济的税收如何分成？');
    expect(res).toMatchObject({ via: 'llm', answered: true });
    const docs = loadCorpus('corpus');
    for (const c of res.citations) {
      expect(readFileSync(docs.find((d) => d.source === c.source)!.path, 'utf8')).toContain(c.quote);
    }
    expect(lines.some((l) => l.includes('"event":"llm_answer"') && l.includes('"usage"'))).toBe(true);
    expect(lines.join('\n')).not.toContain('sk-services-test');
  });
});
