/**
 * `npm run enrich`: bank entries written through an LLM for nodes that have none, verified like the
 * hand-written ones, cached by content hash; the real LangChain client against the local stub server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load';
import { loadBank } from '../src/knowledge/bank';
import { enrichDocuments, enrichNode, type Generate } from '../src/knowledge/enrich';
import { knowledgeNodes } from '../src/knowledge/nodes';
import { createGenerator } from '../src/llm/generate';
import { startStub } from './llm-stub';

const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), name));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A model that does its job: questions about the passage and its first line as the answer. */
function nodeText(user: string): string {
  return /<node>\n([\s\S]*)\n<\/node>/.exec(user)![1]!;
}
const diligent: Generate = async (_system, user) =>
  JSON.stringify({
    questions: [
      { q: '这一段讲了什么？', lang: 'zh', style: 'formal' },
      { q: '换个说法，这里的要点是啥？', lang: 'zh', style: 'colloquial' },
      { q: 'What does this passage say?', lang: 'en', style: 'paraphrase' },
    ],
    keywords: ['要点'],
    answers: [nodeText(user).split('\n')[0]!.slice(0, 30)],
  });

const shortDoc = () => loadCorpus('corpus').filter((d) => d.id.startsWith('004'));

describe('enrich', () => {
  it('keeps an entry whose answers are verbatim, and refuses paraphrased answers or a reply that is not JSON', async () => {
    const node = knowledgeNodes(shortDoc())[0]!;
    const ok = await enrichNode(node, diligent, 'llm:test');
    expect(typeof ok).toBe('object');
    const paraphrasing: Generate = async () => JSON.stringify({ questions: [{ q: '问题一？', lang: 'zh' }, { q: '问题二？', lang: 'zh' }, { q: 'Q3?', lang: 'en' }], keywords: [], answers: ['原文里没有的一句话'] });
    expect(await enrichNode(node, paraphrasing, 'llm:test')).toMatch(/verbatim/);
    expect(await enrichNode(node, async () => 'Sorry, I cannot help.', 'llm:test')).toMatch(/not a bank entry/);
    expect(await enrichNode(node, async () => { throw new Error('429 rate limited'); }, 'llm:test')).toMatch(/model call failed: 429/);
  });

  it('writes entries for every node without one, verified on reload, and sends nothing the second time', async () => {
    const docs = shortDoc();
    const bankDir = tmp('enrich-bank-');
    let calls = 0;
    const counting: Generate = async (s, u) => {
      calls++;
      return diligent(s, u);
    };
    const first = await enrichDocuments(docs, bankDir, counting, { origin: 'llm:test' });
    const nodes = knowledgeNodes(docs);
    expect(first.written).toHaveLength(nodes.length);
    expect(first.failed).toEqual([]);
    const reloaded = loadBank(bankDir, nodes);
    expect(reloaded.problems).toEqual([]);
    expect(reloaded.entries).toHaveLength(nodes.length);
    expect(reloaded.entries.every((e) => e.origin === 'llm:test')).toBe(true);
    const before = calls;
    const second = await enrichDocuments(docs, bankDir, counting, { origin: 'llm:test' });
    expect(second.cached).toBe(nodes.length);
    expect(second.written).toEqual([]);
    expect(calls).toBe(before);
    expect(readFileSync(join(bankDir, `${docs[0]!.id}.jsonl`), 'utf8').trim().split('\n')).toHaveLength(nodes.length);
  });

  it('talks to an OpenAI-compatible server through LangChain (stub on loopback)', async () => {
    const stub = await startStub((req) => {
      const user = String(req.messages.find((m) => m.role === 'user')?.content ?? '');
      return { content: '```json\n' + JSON.stringify({ questions: [{ q: '甲？', lang: 'zh' }, { q: '乙？', lang: 'zh' }, { q: 'C?', lang: 'en' }], keywords: ['k'], answers: [nodeText(user).slice(0, 12)] }) + '\n```' };
    });
    try {
      const generate = createGenerator({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: stub.baseURL, OPENAI_MODEL: 'stub-model', LLM_TIMEOUT_MS: 10_000 });
      const node = knowledgeNodes(shortDoc())[1]!;
      const entry = await enrichNode(node, generate, 'llm:stub-model');
      expect(typeof entry).toBe('object');
      expect(stub.requests[0]!.messages[0]!.role).toBe('system');
    } finally {
      await stub.close();
    }
  });

  it('the CLI says in one line that enrich needs an LLM, and exits non-zero', () => {
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'enrich'], {
      encoding: 'utf8',
      env: { ...process.env, OPENAI_API_KEY: '', DATA_DIR: tmp('enrich-data-') },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/enrich needs an LLM: set OPENAI_API_KEY/);
  });
});
