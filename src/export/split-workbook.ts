/**
 * The spreadsheet of a split (.xlsx, exceljs): a sheet with the parties, shares and amounts, one
 * with the yearly schedule when there is one, one with the steps and sources. Amounts are numbers
 * (the calculator's, to the cent) shown with two decimals, shares numbers shown as percentages,
 * so a reader can compute with them; nothing is stored as text.
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { chartLabels } from '../charts/labels';
import type { ChartLang } from '../charts/lang';
import { indicatorOf } from '../charts/split-chart';

const NumberMap = z.record(z.string(), z.number());

export const SplitWorkbookDataSchema = z.looseObject({
  shares: NumberMap,
  amounts: NumberMap,
  schedule: z.array(z.looseObject({ year: z.number(), shares: NumberMap.optional(), amounts: NumberMap, label: z.string().optional() })).optional(),
  steps: z.array(z.string()).default([]),
  sources: z.array(z.object({ source: z.string(), section: z.string().optional(), quote: z.string() })).default([]),
});

export const AMOUNT_FORMAT = '#,##0.00';
export const SHARE_FORMAT = '0.00%';

/** Adds two-decimal numbers exactly (in cents), as the calculator does. */
function sumCents(values: number[]): number {
  return values.reduce((a, v) => a + Math.round(v * 100), 0) / 100;
}

function header(ws: ExcelJS.Worksheet, values: string[], freeze = true): void {
  const row = ws.addRow(values);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F1FC' } };
  if (freeze) ws.views = [{ state: 'frozen', ySplit: row.number }];
}

export async function splitWorkbook(raw: unknown, lang: ChartLang): Promise<Buffer> {
  const d = SplitWorkbookDataSchema.parse(raw);
  const L = chartLabels(lang);
  const en = lang === 'en';
  const yuan = en ? '(yuan)' : '（元）';
  const names = Object.keys(d.amounts);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Enclave Advisor 飞地政策顾问';

  const result = wb.addWorksheet(L.sheetNames.result);
  const indicator = indicatorOf(d.steps);
  if (indicator) result.addRow([en ? 'Indicator' : '指标', indicator]);
  header(result, [L.party, L.share, `${L.amount}${yuan}`]);
  for (const n of names) {
    const row = result.addRow([n, d.shares[n] ?? 0, d.amounts[n]]);
    row.getCell(2).numFmt = SHARE_FORMAT;
    row.getCell(3).numFmt = AMOUNT_FORMAT;
  }
  const shareTotal = Math.round(names.reduce((a, n) => a + (d.shares[n] ?? 0), 0) * 1e4) / 1e4;
  const total = result.addRow([L.total, shareTotal, sumCents(names.map((n) => d.amounts[n]))]);
  total.font = { bold: true };
  total.getCell(2).numFmt = SHARE_FORMAT;
  total.getCell(3).numFmt = AMOUNT_FORMAT;
  result.columns = [{ width: 24 }, { width: 12 }, { width: 22 }];

  if (d.schedule?.length) {
    const ws = wb.addWorksheet(L.sheetNames.schedule);
    const cols = names.flatMap((n) => [`${n} ${L.share}`, `${n} ${L.amount}${yuan}`]);
    header(ws, [en ? 'Year' : '年份', ...cols, `${L.total}${yuan}`]);
    for (const r of d.schedule) {
      const cells: Array<string | number> = [r.label ?? r.year];
      for (const n of names) cells.push(r.shares?.[n] ?? 0, r.amounts[n] ?? 0);
      cells.push(sumCents(names.map((n) => r.amounts[n] ?? 0)));
      const row = ws.addRow(cells);
      names.forEach((_, k) => {
        row.getCell(2 + 2 * k).numFmt = SHARE_FORMAT;
        row.getCell(3 + 2 * k).numFmt = AMOUNT_FORMAT;
      });
      row.getCell(cells.length).numFmt = AMOUNT_FORMAT;
    }
    ws.columns = [{ width: 10 }, ...cols.map((c) => ({ width: Math.max(14, c.length * 2 + 4) })), { width: 20 }];
  }

  const steps = wb.addWorksheet(L.sheetNames.steps);
  header(steps, ['#', L.steps]);
  d.steps.forEach((s, i) => steps.addRow([i + 1, s]));
  if (d.sources.length) {
    steps.addRow([]);
    header(steps, ['#', L.sources], false);
    d.sources.forEach((s, i) => steps.addRow([i + 1, `「${s.quote}」 — ${s.source}${s.section ? ` › ${s.section}` : ''}`]));
  }
  steps.columns = [{ width: 5 }, { width: 140, style: { alignment: { wrapText: true, vertical: 'top' } } }];

  return Buffer.from(await wb.xlsx.writeBuffer());
}
