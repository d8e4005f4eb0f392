/**
 * Contract audit: the edge cases a strict checker hits that the other CLI tests do not — a first run
 * with no index (stdout stays pure JSON), Windows input (BOM, CRLF), odd batch lines, `<command> --help`,
 * and split figures worked out by hand for floors + baseline + transition + weights.
 * Few spawns (each costs about a second): many cases go through one --batch call.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonLines } from '../src/cli/io';
import { computeSplit, splitFromText } from '../src/tools';

const dir = mkdtempSync(join(tmpdir(), 'cli-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', ...args], {
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, INDEX_DIR: join(dir, 'index'), CI: 'true', OPENAI_API_KEY: '', TELEGRAM_BOT_TOKEN: '' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BOM = '\uFEFF';

describe('retrieve --batch on a first run (no index yet), with Windows input and odd lines', () => {
  it('prints only JSON lines, one per non-empty input line, ids kept, in order', () => {
    const lines = [
      `${BOM}{"id":"bom","question":"什么是飞地接力？"}`,
      '{"id":"crlf","question":"消薄飞地的收益保底"}\r',
      '',
      '{"question":"no id: 反向飞地"}',
      '{"id":7,"question":"山海协作"}',
      '{"id":"noq"}',
      '{"id":"broken", ',
      `{"id":"long","question":"${'飞地经济收益分成 '.repeat(2000)}"}`,
    ];
    const r = cli(['retrieve', '--json', '--k', '3', '--batch'], lines.join('\n'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/index/); // the build message goes to stderr…
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l)); // …and stdout stays JSON
    expect(out.map((o) => o.id)).toEqual(['bom', 'crlf', null, 7, 'noq', 'broken', 'long']);
    for (const i of [0, 1, 2, 3, 6]) {
      expect(out[i].hits).toHaveLength(3);
      for (const h of out[i].hits) {
        expect(Object.keys(h)).toEqual(['source', 'title', 'section', 'text', 'score']);
        expect(h.source).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
      }
      const scores = out[i].hits.map((h: { score: number }) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
    expect(out[4].error).toMatch(/question/);
    expect(out[5].error).toMatch(/not valid JSON/);
  }, 180_000);
});

describe('mode --batch', () => {
  it('reads a BOM line, keeps numeric ids, names the id of a broken line, takes "question" as the text', () => {
    const lines = [
      `${BOM}{"id":"m1","text":"衢州在杭州设立研发中心，孵化成熟的项目回到衢州产业化"}`,
      '{"id":2,"text":"今天天气很好，我们去公园散步"}\r',
      '{"id":"alias","question":"杭州企业到衢州建设生产基地，衢州提供土地"}',
      '{"id":"broken", ',
    ];
    const r = cli(['mode', '--json', '--batch'], lines.join('\n'));
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['m1', 2, 'alias', 'broken']);
    expect(out[0]).toMatchObject({ primary: 'reverse_innovation', direction: 'reverse' });
    expect(out[1]).toMatchObject({ primary: null, direction: null });
    expect(out[2]).toMatchObject({ primary: 'forward_industrial', direction: 'forward' });
    for (const o of out.slice(0, 3)) expect(Object.keys(o).slice(0, 6)).toEqual(['id', 'primary', 'direction', 'candidates', 'recommendations', 'sources']);
    expect(out[3].error).toMatch(/not valid JSON/);
  }, 60_000);
});

describe('<command> --help', () => {
  it('prints the usage on stdout and exits 0 for commands without their own help option', () => {
    const r = cli(['retrieve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run -s cli -- retrieve .*--k N/);
  }, 60_000);
});

describe('parseJsonLines', () => {
  it('drops a byte-order mark at the start of a line', () => {
    expect(parseJsonLines(`${BOM}{"id":1}\r\n${BOM}{"id":2}`)).toEqual([
      { line: 1, value: { id: 1 } },
      { line: 2, value: { id: 2 } },
    ]);
  });
});

describe('split: figures worked out by hand', () => {
  it('baseline + floors: the baseline goes back to its owner after the floors are met', () => {
    // R = 1000 − 100 = 900; 450/270/180; B and C below floor → 300, 200; A gets 900 − 500 = 400; C + 100.
    const r = computeSplit({
      revenue: 1000,
      baseline: { amount: 100, owner: 'C' },
      parties: [
        { name: 'A', share: 5 },
        { name: 'B', share: 3, floor: 300 },
        { name: 'C', share: 2, floor: 200 },
      ],
    });
    expect(r.amounts).toEqual({ A: 400, B: 300, C: 300 });
    expect(r.shares).toEqual({ A: 0.5, B: 0.3, C: 0.2 });
  });

  it('floors iterate: meeting B’s floor pushes A below its own, then only C gives', () => {
    // Round 1: B 300 < 350 → A = 650·5/7 = 464.29 < 480; round 2: A 480, B 350, C = 170.
    const r = computeSplit({
      revenue: 1000,
      parties: [
        { name: 'A', share: 0.5, floor: 480 },
        { name: 'B', share: 0.3, floor: 350 },
        { name: 'C', share: 0.2 },
      ],
    });
    expect(r.amounts).toEqual({ A: 480, B: 350, C: 170 });
  });

  it('weighted contributions; a weighted factor nobody contributes drops out (C_f = 0)', () => {
    // weights capital 3 : land 1 → 0.75/0.25; A = 0.75·600/1000 = 0.45, B = 0.75·0.4 + 0.25·1 = 0.55.
    const parties = [
      { name: 'A', contributions: { capital: 600, land: 0 } },
      { name: 'B', contributions: { capital: 400, land: 300 } },
    ];
    const r = computeSplit({ revenue: 100, weights: { capital: 3, land: 1 }, parties });
    expect(r.shares).toEqual({ A: 0.45, B: 0.55 });
    expect(r.amounts).toEqual({ A: 45, B: 55 });
    const withTech = computeSplit({ revenue: 100, weights: { capital: 3, land: 1, tech: 5 }, parties });
    expect(withTech.amounts).toEqual({ A: 45, B: 55 });
    expect(withTech.steps.join('\n')).toMatch(/tech/);
  });

  it('transition with revenueByYear, and cents by largest remainder (ties to the earlier party)', () => {
    const r = computeSplit({
      revenue: 1000,
      parties: [
        { name: '飞出地', share: 6 },
        { name: '飞入地', share: 4 },
      ],
      transition: { years: 3, from: { 飞出地: 9, 飞入地: 1 } },
      revenueByYear: [100, 200, 300.01],
    });
    expect(r.schedule).toEqual([
      { year: 1, shares: { 飞出地: 0.8, 飞入地: 0.2 }, amounts: { 飞出地: 80, 飞入地: 20 } },
      { year: 2, shares: { 飞出地: 0.7, 飞入地: 0.3 }, amounts: { 飞出地: 140, 飞入地: 60 } },
      // 180.006 / 120.004 → 180.01 / 120.00 (the larger remainder gets the cent)
      { year: 3, shares: { 飞出地: 0.6, 飞入地: 0.4 }, amounts: { 飞出地: 180.01, 飞入地: 120 } },
    ]);
    const tie = computeSplit({ revenue: 100, parties: ['甲', '乙', '丙'].map((name) => ({ name, share: 1 })) });
    expect(tie.amounts).toEqual({ 甲: 33.34, 乙: 33.33, 丙: 33.33 });
  });
});

describe('split chat text', () => {
  it('按/按照/比例 end a party name', () => {
    expect(splitFromText('衢州和杭州按四六分 800万').amounts).toEqual({ 衢州: 3_200_000, 杭州: 4_800_000 });
    expect(splitFromText('衢州、杭州按照六四比例分配税收1000万').shares).toEqual({ 衢州: 0.6, 杭州: 0.4 });
    expect(Object.keys(splitFromText('安吉县 60% 按摩园 40% 100万').shares)).toEqual(['安吉县', '按摩园']);
  });
});
