import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRetriever } from '../src/retrieval';
import { loadCorpus } from '../src/corpus/load';

// Each spawn costs about a second: the index is built once in-process, and each CLI run reuses it.
let dir: string;
const corpus = new Map(loadCorpus('corpus').map((d) => [d.source, d.raw]));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-core-'));
  await openRetriever({ corpusDir: 'corpus', indexDir: dir });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], input?: string) {
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, INDEX_DIR: dir, OPENAI_API_KEY: '', TELEGRAM_BOT_TOKEN: '' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const jsonLines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));

describe('CLI contract', () => {
  it('retrieve --json --k N prints only {"hits":[…]} with the contract fields', () => {
    const r = cli(['retrieve', '--json', '--k', '3', '消薄飞地的收益如何分配？']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['hits']);
    expect(out.hits).toHaveLength(3);
    for (const h of out.hits) {
      expect(Object.keys(h)).toEqual(['source', 'title', 'section', 'text', 'score']);
      expect(corpus.get(h.source)).toContain(h.text);
      expect(typeof h.score).toBe('number');
    }
    expect(out.hits[0].score).toBeGreaterThanOrEqual(out.hits[2].score);
  });

  it('retrieve --batch answers each JSONL line in order and reports a bad line without stopping', () => {
    const input = ['{"id":"a","question":"什么是飞地接力？"}', '{"id":"b", not json', '{"id":3,"question":"What is a reverse enclave?"}', '{"id":"d"}'].join('\n');
    const r = cli(['retrieve', '--batch', '--k', '2'], input);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['a', 'b', 3, 'd']);
    expect(rows[0].hits).toHaveLength(2);
    expect(rows[1].error).toMatch(/not valid JSON/);
    expect(rows[2].hits).toHaveLength(2);
    expect(rows[3].error).toMatch(/question/);
  });

  it('ask --json answers with the contract fields and verbatim citations', () => {
    const r = cli(['ask', '--json', '金磐开发区的规划建设面积是多少？']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).slice(0, 3)).toEqual(['answered', 'answer', 'citations']);
    expect(out.answered).toBe(true);
    expect(out.answer).toContain('2.1平方公里');
    for (const c of out.citations) {
      expect(Object.keys(c)).toEqual(['n', 'source', 'title', 'section', 'quote']);
      expect(corpus.get(c.source)).toContain(c.quote);
    }
  });

  it('ask --batch handles answerable, out-of-corpus, follow-up and bad lines', () => {
    const input = [
      '{"id":1,"question":"What is an enclave relay?"}',
      '{"id":2,"question":"红烧肉怎么做？"}',
      'oops',
      '{"id":4,"question":"那收益怎么分？","context":"什么是消薄飞地？"}',
      '{"id":5,"question":"？？"}',
    ].join('\n');
    const r = cli(['ask', '--batch'], input);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual([1, 2, null, 4, 5]);
    expect(rows[0]).toMatchObject({ answered: true, lang: 'en' });
    expect(rows[1]).toMatchObject({ answered: false, citations: [] });
    expect(rows[2].error).toMatch(/not valid JSON/);
    expect(rows[3].answered).toBe(true);
    expect(rows[4]).toMatchObject({ answered: false, citations: [] });
  });

  it('ask without --json prints readable text: the answer, then numbered sources', () => {
    const r = cli(['ask', '什么是飞地接力？']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/出处：\n\[1\] .+ › .+/);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('reports bad options as one line with the usage, and a non-zero exit', () => {
    const r = cli(['retrieve', '--k', 'many', 'x']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--k must be a whole number/);
    expect(r.stdout).toBe('');
  });
});

