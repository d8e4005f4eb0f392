import { spawnSync } from 'node:child_process';
import { inProcess } from './helpers/cli-in-process';
import { describe, expect, it } from 'vitest';
import { run as estimateRun } from '../src/cli/commands/estimate';
import { run as modeRun } from '../src/cli/commands/mode';
import { run as splitRun } from '../src/cli/commands/split';

/** Runs the real CLI (each spawn costs ~0.5 s, so only the contract's main paths are spawned). */
function cli(args: string[], stdin = '') {
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n') };
}


describe('CLI contract (spawned)', () => {
  it('split --json reads one JSON object on stdin and prints {shares, amounts, steps, sources}', () => {
    const r = cli(['split', '--json'], JSON.stringify({ revenue: 1000, parties: [{ name: 'A', share: 2 }, { name: 'B', share: 1 }] }));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['shares', 'amounts', 'steps', 'sources']);
    expect(j.shares).toEqual({ A: 0.6667, B: 0.3333 });
    expect(j.amounts).toEqual({ A: 666.67, B: 333.33 });
    expect(j.sources[0]).toEqual({ source: expect.any(String), section: expect.any(String), quote: expect.any(String) });
  });

  it('split --json --text gives the same shape from chat text', () => {
    const r = cli(['split', '--json', '--text', '五五分成 2400万']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).amounts).toEqual({ 飞出地: 12_000_000, 飞入地: 12_000_000 });
  });

  it('a bad input exits non-zero with one line and no stack trace', () => {
    const r = cli(['split', '--json'], '{"revenue": -5, "parties": []}');
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Error: revenue must not be negative/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('estimate --json: 2 km² at 250 → 3000 亩, 750000', () => {
    const r = cli(['estimate', '--json'], '{"area": {"km2": 2}, "outputPerMu": 250}');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ mu: 3000, output: 750000 });
  });

  it('mode --json "description" and mode --batch', () => {
    const r = cli(['mode', '--json', '深圳研发、广西中转、越南组装，三地接力']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ primary: 'enclave_relay', direction: 'relay' });
    for (const k of ['candidates', 'recommendations', 'sources']) expect(Array.isArray(j[k])).toBe(true);

    const b = cli(['mode', '--batch', '--json'], '{"id":"a","text":"几个薄弱村抱团建消薄飞地"}\n{"id":7,"text":"how do I reset my password"}\n');
    expect(b.code).toBe(0);
    const lines = b.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.primary])).toEqual([
      ['a', 'xiaobo'],
      [7, null],
    ]);
  });
});

describe('CLI commands (in-process)', () => {
  it('split reads {"text": …} on stdin, and prints readable text without --json', async () => {
    const r = await inProcess(splitRun, [], '{"text": "三七开 300万"}');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('飞入地：2,100,000.00 元');
    expect(r.stdout).toContain('计算步骤');
    expect(r.stdout).toContain('依据');
  });

  it('split prints the schedule in the contract order', async () => {
    const input = { revenue: 100, parties: [{ name: 'A', share: 1 }, { name: 'B', share: 1 }], transition: { years: 2, from: { A: 1, B: 0 } } };
    const r = await inProcess(splitRun, ['--json'], JSON.stringify(input));
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['shares', 'amounts', 'schedule', 'steps', 'sources']);
    expect(j.schedule[0]).toEqual({ year: 1, shares: { A: 0.75, B: 0.25 }, amounts: { A: 75, B: 25 } });
  });

  it.each([
    [[], '', /no input/],
    [[], 'not json', /not valid JSON/],
    [['--json'], '{"revenue": "abc", "parties": []}', /revenue must be a number/],
    [['--json', '--text', '60%/40%'], '', /金额/],
    [['--bogus'], '', /Unknown option/],
  ])('split %j %s → exit 1, one line', async (args, stdin, re) => {
    const r = await inProcess(splitRun, args as string[], stdin as string);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(re);
    expect(r.stderr).not.toContain('\n');
  });

  it('estimate takes flags too, and rejects bad input', async () => {
    const r = await inProcess(estimateRun, ['--json', '--km2', '2', '--output-per-mu', '250']);
    expect(JSON.parse(r.stdout)).toMatchObject({ mu: 3000, output: 750000 });
    expect((await inProcess(estimateRun, ['--json'], '{"area": {"km2": -2}, "outputPerMu": 250}')).code).toBe(1);
    expect((await inProcess(estimateRun, ['--json', '--km2', 'x', '--output-per-mu', '1'])).stderr).toMatch(/--km2 must be a number/);
  });

  it('mode: text on stdin, structured answers on stdin, readable text, batch errors per line', async () => {
    expect(JSON.parse((await inProcess(modeRun, ['--json'], '衢州在杭州设研发中心，孵化后回衢州生产')).stdout).primary).toBe('reverse_innovation');
    expect(JSON.parse((await inProcess(modeRun, ['--json'], '{"nodes": 3, "crossBorder": true}')).stdout)).toMatchObject({ primary: 'enclave_relay', direction: 'relay' });
    const text = await inProcess(modeRun, ['几个薄弱村抱团建消薄飞地']);
    expect(text.stdout).toContain('消薄飞地');
    expect(text.stdout).toContain('判断依据');
    const none = await inProcess(modeRun, ['--json', '今天天气怎么样']);
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toMatchObject({ primary: null, direction: null });
    const b = await inProcess(modeRun, ['--batch', '--json'], '{"id":1,"text":"中欧班列合作开行"}\nnot json\n{"id":3}\n');
    const lines = b.stdout.split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ id: 1, primary: 'trade_logistics' });
    expect(lines[1].error).toMatch(/not valid JSON/);
    expect(lines[2]).toMatchObject({ id: 3, error: expect.stringMatching(/text/) });
    expect(b.stderr).toMatch(/2 of 3 lines/);
    expect((await inProcess(modeRun, [], '')).code).toBe(1);
  });
});
