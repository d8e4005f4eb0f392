/** The CLI's --png / --xlsx / --lang flags: the files, --json unchanged, bad paths. */
import { spawnSync } from 'node:child_process';
import { inProcess } from './helpers/cli-in-process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { run as estimateRun } from '../src/cli/commands/estimate';
import { run as splitRun } from '../src/cli/commands/split';
import { AMOUNT_FORMAT, SHARE_FORMAT } from '../src/export';
import { PARTY_COLOURS } from '../src/charts/palette';
import { countColour, decodePng } from './helpers/png';

const dir = mkdtempSync(join(tmpdir(), 'enclave-cli-charts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


const BUFFERED = JSON.stringify({
  revenue: 12_345_678.91,
  indicator: '税收',
  parties: [{ name: '衢州', share: 3 }, { name: '杭州', share: 2 }, { name: '丽水', share: 2 }],
  transition: { years: 4, from: { 衢州: 8, 杭州: 1, 丽水: 1 } },
  revenueByYear: [1_000_000.01, 2_000_000.02, 3_333_333.33, 4_444_444.44],
});

async function readBook(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('split --png (spawned, as a user types it)', () => {
  it('writes a PNG at least 600 px wide with both parties\' bars; stdout is the usual text', () => {
    const png = join(dir, 'out.png');
    const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'split', '--text', '衢州 60% 杭州 40% 税收 1.5亿', '--png', png], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('衢州：90,000,000.00 元');
    const img = decodePng(readFileSync(png));
    expect(img.width).toBeGreaterThanOrEqual(600);
    expect(countColour(img, PARTY_COLOURS[0])).toBeGreaterThan(10_000);
    expect(countColour(img, PARTY_COLOURS[1])).toBeGreaterThan(5_000);
  });
});

describe('split --xlsx', () => {
  it('--json prints byte for byte what it prints without --png/--xlsx', async () => {
    const plain = await inProcess(splitRun, ['--json'], BUFFERED);
    const withFiles = await inProcess(splitRun, ['--json', '--png', join(dir, 'b.png'), '--xlsx', join(dir, 'b.xlsx')], BUFFERED);
    expect(withFiles.code).toBe(0);
    expect(withFiles.stdout).toBe(plain.stdout);
    const text = await inProcess(splitRun, ['--text', '六四分成 1000万']);
    const textWithPng = await inProcess(splitRun, ['--text', '六四分成 1000万', '--png', join(dir, 'c.png')]);
    expect(textWithPng.stdout).toBe(text.stdout);
  });

  it('the workbook holds the same shares and amounts as --json, to the cent, as numbers with a 2-decimal format', async () => {
    const file = join(dir, 'split.xlsx');
    const r = await inProcess(splitRun, ['--json', '--xlsx', file], BUFFERED);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const wb = await readBook(file);

    const result = wb.getWorksheet('分配结果')!;
    const rows = new Map<string, ExcelJS.Row>();
    result.eachRow((row) => rows.set(String(row.getCell(1).value), row));
    for (const name of Object.keys(json.amounts)) {
      const row = rows.get(name)!;
      expect(row, name).toBeDefined();
      expect(typeof row.getCell(3).value).toBe('number');
      expect(Math.round((row.getCell(3).value as number) * 100)).toBe(Math.round(json.amounts[name] * 100));
      expect(row.getCell(3).numFmt).toBe(AMOUNT_FORMAT);
      expect(row.getCell(2).value).toBe(json.shares[name]);
      expect(row.getCell(2).numFmt).toBe(SHARE_FORMAT);
    }
    const total = Object.values(json.amounts as Record<string, number>).reduce((a, b) => a + Math.round(b * 100), 0);
    expect(Math.round((rows.get('合计')!.getCell(3).value as number) * 100)).toBe(total);

    const schedule = wb.getWorksheet('逐年安排')!;
    const header = (schedule.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('年份');
    for (const [k, year] of (json.schedule as Array<{ year: number; shares: Record<string, number>; amounts: Record<string, number> }>).entries()) {
      const row = schedule.getRow(k + 2);
      expect(row.getCell(1).value).toBe(year.year);
      for (const name of Object.keys(json.amounts)) {
        const col = header.indexOf(`${name} 金额（元）`) + 1;
        expect(col, name).toBeGreaterThan(0);
        const cell = row.getCell(col);
        expect(typeof cell.value).toBe('number');
        expect(Math.round((cell.value as number) * 100), `${name} year ${year.year}`).toBe(Math.round(year.amounts[name] * 100));
        expect(cell.numFmt).toBe(AMOUNT_FORMAT);
        expect(row.getCell(header.indexOf(`${name} 份额`) + 1).value).toBe(year.shares[name]);
      }
    }

    const steps = wb.getWorksheet('计算步骤')!;
    const cells: string[] = [];
    steps.eachRow((row) => cells.push(String(row.getCell(2).value)));
    for (const s of json.steps) expect(cells).toContain(s);
    expect(cells.some((c) => c.includes(json.sources[0].quote))).toBe(true);
  });

  it('--lang en labels the workbook in English', async () => {
    const file = join(dir, 'en.xlsx');
    expect((await inProcess(splitRun, ['--text', '六四分成 1000万', '--xlsx', file, '--lang', 'en'])).code).toBe(0);
    const wb = await readBook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Split', 'Steps']);
  });
});

describe('estimate --png', () => {
  it('writes the chart; --json unchanged', async () => {
    const png = join(dir, 'estimate.png');
    const plain = await inProcess(estimateRun, ['--json', '--km2', '2', '--output-per-mu', '250', '--unit', '万元']);
    const r = await inProcess(estimateRun, ['--json', '--km2', '2', '--output-per-mu', '250', '--unit', '万元', '--png', png]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    expect(decodePng(readFileSync(png)).width).toBeGreaterThanOrEqual(600);
  });
});

describe('bad output paths and flags', () => {
  const leftovers = (d: string) => readdirSync(d).filter((f) => f.includes('.tmp'));

  it('a missing folder: one line, exit 1, nothing written, nothing printed', async () => {
    const file = join(dir, 'no-such-folder', 'out.png');
    const r = await inProcess(splitRun, ['--json', '--text', '六四分成 1000万', '--png', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--png .*no-such-folder.* does not exist; create it first/);
    expect(existsSync(file)).toBe(false);
  });

  it('a folder that is a file, or a target that is a folder', async () => {
    const notDir = join(dir, 'plain-file');
    writeFileSync(notDir, 'x');
    const r1 = await inProcess(splitRun, ['--text', '六四分成 1000万', '--xlsx', join(notDir, 'out.xlsx')]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/is not a folder/);
    const r2 = await inProcess(splitRun, ['--text', '六四分成 1000万', '--png', dir]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/is a folder; give a file name/);
  });

  it('an unwritable folder: one line, exit 1, no partial or temporary file left', async () => {
    // root ignores file modes; /sys refuses new files even to root.
    const rootUser = process.getuid?.() === 0;
    const ro = rootUser ? '/sys' : mkdtempSync(join(dir, 'ro-'));
    if (!rootUser) chmodSync(ro, 0o555);
    const file = join(ro, 'enclave-out.png');
    const r = await inProcess(splitRun, ['--text', '六四分成 1000万', '--png', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write the file \(permission denied\); choose a path you can write to/);
    expect(existsSync(file)).toBe(false);
    expect(leftovers(ro)).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a write that replaces an existing file leaves the old one whole until the new one is complete', async () => {
    const file = join(dir, 'replace.png');
    writeFileSync(file, 'old');
    expect((await inProcess(splitRun, ['--text', '六四分成 1000万', '--png', file])).code).toBe(0);
    expect(decodePng(readFileSync(file)).width).toBeGreaterThanOrEqual(600);
    expect(leftovers(dir)).toEqual([]);
  });

  it('--lang must be zh or en; --png needs a value', async () => {
    expect((await inProcess(splitRun, ['--text', '六四分成 1000万', '--png', join(dir, 'x.png'), '--lang', 'fr'])).stderr).toMatch(/--lang must be zh or en/);
    expect((await inProcess(splitRun, ['--text', '六四分成 1000万', '--png'])).stderr).toMatch(/--png.*argument missing|Usage/);
    expect(existsSync(join(dir, 'x.png'))).toBe(false);
  });

  it('bad split input is the same clear error as before, and no file is written', async () => {
    const file = join(dir, 'bad.png');
    const r = await inProcess(splitRun, ['--json', '--png', file], '{"revenue": -5, "parties": []}');
    const before = await inProcess(splitRun, ['--json'], '{"revenue": -5, "parties": []}');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(before.stderr);
    expect(existsSync(file)).toBe(false);
  });
});
