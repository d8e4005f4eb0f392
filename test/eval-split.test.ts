/**
 * `npm run eval:split`: a small sample batch (test/fixtures/split-eval-sample.jsonl, with two items
 * whose expectations are deliberately wrong) goes through the real CLI; the report must count them.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judge } from '../eval/split-parse-lib';
import { simplify } from '../src/knowledge/normalize';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('eval/split-parse.ts', () => {
  it('runs each request through `split --json --text` and reports right, refused and clarify counts', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'eval/split-parse.ts', '--set', 'test/fixtures/split-eval-sample.jsonl', '--json'], { cwd: ROOT, encoding: 'utf8' });
    const r = JSON.parse(out);
    expect(r).toMatchObject({ items: 6, right: 4, computeItems: 4, computedRight: 3, clarifyItems: 2, clarifyRight: 1, crashes: 0, refusedComputeItems: 0 });
    expect(r.failures.map((f: { id: string }) => f.id)).toEqual(['a5', 'a6']);
  }, 60_000);

  it('exits 2 with a usage line on a missing or malformed set', () => {
    for (const args of [[], ['--set', 'no/such/file.jsonl'], ['--set', 'package.json']]) {
      try {
        execFileSync(process.execPath, ['--import', 'tsx', 'eval/split-parse.ts', ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
        throw new Error('expected exit 2');
      } catch (e) {
        const err = e as { status: number; stderr: string };
        expect(err.status).toBe(2);
        expect(err.stderr.trim().split('\n')).toHaveLength(1);
      }
    }
  }, 60_000);
});

describe('judge', () => {
  const item = { id: 'x', text: '…', expect: { amounts: { ' 衢州 ': 6, 杭州: 4 } } };
  it('matches names after trimming and amounts to the cent', () => {
    expect(judge(item, { ok: true, result: { amounts: { 衢州: 6.004, 杭州: 4 } } }).right).toBe(true);
    expect(judge(item, { ok: true, result: { amounts: { 衢州: 6.01, 杭州: 3.99 } } }).right).toBe(false);
  });
  it('an extra party with money is wrong; a refusal of a computable item is a refusal', () => {
    expect(judge(item, { ok: true, result: { amounts: { 衢州: 6, 杭州: 4, 丽水: 1 } } }).right).toBe(false);
    expect(judge(item, { ok: false, message: '缺少金额' })).toMatchObject({ right: false, refused: true });
  });
  it('a clarify item is right only when refused with one line', () => {
    const c = { id: 'c', text: '…', expect: { clarify: 'amount' } };
    expect(judge(c, { ok: false, message: '缺少要分配的金额：请加上总额' }).right).toBe(true);
    expect(judge(c, { ok: false, message: 'a\nb' }).right).toBe(false);
    expect(judge(c, { ok: true, result: { amounts: { A: 1 } } }).right).toBe(false);
  });
  it('names are compared as typed unless a sameName fold is given (the eval script folds Traditional to Simplified)', () => {
    const t = { id: 't', text: '…', expect: { amounts: { 村集體: 1, 甲縣: 2 } } };
    const got = { ok: true as const, result: { amounts: { 村集体: 1, 甲县: 2 } } };
    expect(judge(t, got).right).toBe(false);
    expect(judge(t, got, { sameName: simplify }).right).toBe(true);
    // only the script is folded: another name is still another party
    expect(judge(t, { ok: true, result: { amounts: { 村集体: 1, 乙县: 2 } } }, { sameName: simplify }).right).toBe(false);
  });
  it('schedules are compared year by year', () => {
    const y = { id: 'y', text: '…', expect: { years: [{ year: 1, amounts: { A: 1 } }, { year: 2, amounts: { A: 2 } }] } };
    expect(judge(y, { ok: true, result: { amounts: { A: 2 }, schedule: [{ year: 1, amounts: { A: 1 } }, { year: 2, amounts: { A: 2 } }] } }).right).toBe(true);
    expect(judge(y, { ok: true, result: { amounts: { A: 2 }, schedule: [{ year: 1, amounts: { A: 1 } }] } }).right).toBe(false);
  });
});
