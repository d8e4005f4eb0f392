/**
 * The time limit holds end to end (createServices, remote embeddings, real clients): a server that
 * hangs on chat and on question embeddings still gets an answer within LLM_TIMEOUT_MS + 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createEmbedder, LsaEmbedder, OpenAIEmbedder } from '../src/retrieval/embedders';
import { createServices } from '../src/services';
import { startStub, type Stub } from './llm-stub';

const TIMEOUT = 2000;
let stub: Stub;
let indexDir: string;
let documentBatches = 0;
let queryEmbeddings = 0;
let hangAll = true;

/** A deterministic 16-dim vector per text (the index needs some vectors; their meaning is irrelevant). */
function vector(text: string): number[] {
  const v = new Array(16).fill(0);
  for (const ch of text) v[ch.codePointAt(0)! % 16] += 1;
  return v;
}

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), 'llm-deadline-'));
  stub = await startStub(
    (req) => {
      if (hangAll || req.messages.some((m) => m.role === 'tool')) return { hang: true };
      return { toolCalls: [{ name: 'retrieve_passages', arguments: JSON.stringify({ query: '飞地经济的税收如何分成', k: 3 }) }] };
    },
    (input) => {
      if (typeof input === 'string') {
        queryEmbeddings += 1;
        return 'hang';
      }
      documentBatches += 1;
      return input.map(vector);
    },
  );
});

afterAll(async () => {
  await stub.close();
  rmSync(indexDir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return { INDEX_DIR: indexDir, OPENAI_API_KEY: 'sk-deadline', OPENAI_BASE_URL: stub.baseURL, OPENAI_MODEL: 'stub', OPENAI_EMBEDDING_MODEL: 'stub-embed', LLM_TIMEOUT_MS: String(TIMEOUT) };
}

describe('LLM_TIMEOUT_MS holds with a hanging server', () => {
  it('chat and question embeddings hang: the offline answer arrives within LLM_TIMEOUT_MS + 1 s', async () => {
    hangAll = true;
    const e = env();
    const s = await createServices(loadConfig(e), { env: e, log: () => {} });
    expect(documentBatches).toBeGreaterThan(0); // the index really uses the remote embeddings
    const t0 = Date.now();
    const res = await s.advisor.ask('飞地经济的税收如何分成？');
    const elapsed = Date.now() - t0;
    expect(res.via).toBe('offline');
    expect(res.note).toBeTruthy();
    expect(res.answer.length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(TIMEOUT + 1000);
  }, 30_000);

  it('the model retrieves (question embedding hangs), then hangs: still within the limit', async () => {
    hangAll = false;
    const before = queryEmbeddings;
    const e = env();
    const s = await createServices(loadConfig(e), { env: e, log: () => {} });
    const t0 = Date.now();
    const res = await s.advisor.ask('飞地经济的税收如何分成？');
    const elapsed = Date.now() - t0;
    expect(queryEmbeddings).toBeGreaterThan(before); // the tool did try the remote embedder
    expect(res.via).toBe('offline');
    expect(elapsed).toBeLessThan(TIMEOUT + 1000);
  }, 30_000);
});

describe('createEmbedder', () => {
  const config = { OPENAI_API_KEY: 'sk-x' as string | undefined, OPENAI_BASE_URL: undefined, OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small', LLM_TIMEOUT_MS: 20000 };
  it('a key alone keeps the local embedder (servers without an embeddings endpoint still start)', () => {
    expect(createEmbedder(config, {})).toBeInstanceOf(LsaEmbedder);
    expect(createEmbedder(config, { OPENAI_EMBEDDING_MODEL: ' ' })).toBeInstanceOf(LsaEmbedder);
  });
  it('an explicit OPENAI_EMBEDDING_MODEL with a key selects remote embeddings', () => {
    expect(createEmbedder(config, { OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small' })).toBeInstanceOf(OpenAIEmbedder);
    expect(createEmbedder({ ...config, OPENAI_API_KEY: undefined }, { OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small' })).toBeInstanceOf(LsaEmbedder);
  });
});
