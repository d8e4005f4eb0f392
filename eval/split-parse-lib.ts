/**
 * Scoring of split requests (pure): the JSONL item format and the verdict on one outcome. Used by
 * eval/split-parse.ts (through the real CLI) and by test/split-requests.test.ts (in process).
 *
 * Item: {"id","text","expect"} with expect one of
 *   {"amounts": {"<party>": yuan, …}}                       one period;
 *   {"years": [{"year": 1, "amounts": {…}}, …]}              a multi-year schedule;
 *   {"clarify": "…"}                                         should be refused / asked.
 * Right: every expected party's amount matches to the cent (per year for schedules; names compared
 * after trimming, and after `sameName` when one is given) and no other party gets money; a clarify item
 * is right when refused with one line.
 */
import { z } from 'zod';

const Amounts = z.record(z.string(), z.number().finite());
export const EvalItemSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  expect: z.union([
    z.object({ amounts: Amounts }).strict(),
    z.object({ years: z.array(z.object({ year: z.number().int().min(1), amounts: Amounts })).min(1) }).strict(),
    z.object({ clarify: z.string() }).strict(),
  ]),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;

export interface SplitOutput {
  amounts: Record<string, number>;
  schedule?: Array<{ year: number; amounts: Record<string, number> }>;
}
export type Outcome = { ok: true; result: SplitOutput } | { ok: false; message: string };
export interface JudgeOptions {
  /**
   * What a party name is compared as, on both sides (eval/split-parse.ts folds Traditional characters to
   * Simplified: 村集體 and 村集体 are one name in two scripts). Without it, names are compared as typed.
   */
  sameName?: (name: string) => string;
}
export interface Verdict {
  right: boolean;
  refused: boolean;
  /** Empty when right; else what differed. */
  detail: string;
}

const cents = (x: number) => Math.round(x * 100);

function compare(expected: Record<string, number>, got: Record<string, number>, where: string, key: (name: string) => string): string {
  const norm = new Map(Object.entries(got).map(([k, v]) => [key(k), v]));
  const diffs: string[] = [];
  for (const [name, v] of Object.entries(expected)) {
    const g = norm.get(key(name));
    if (g === undefined) diffs.push(`${where}${name}: missing (parties: ${[...norm.keys()].join(', ')})`);
    else if (cents(g) !== cents(v)) diffs.push(`${where}${name}: ${g} ≠ ${v}`);
  }
  const expectedNames = new Set(Object.keys(expected).map(key));
  for (const [name, v] of norm) if (!expectedNames.has(name) && cents(v) !== 0) diffs.push(`${where}unexpected party ${name}: ${v}`);
  return diffs.join('; ');
}

export function judge(item: EvalItem, outcome: Outcome, options: JudgeOptions = {}): Verdict {
  const e = item.expect;
  const key = (name: string) => (options.sameName ? options.sameName(name.trim()) : name.trim());
  if ('clarify' in e) {
    if (outcome.ok) return { right: false, refused: false, detail: `computed instead of asking (${JSON.stringify(outcome.result.amounts)})` };
    const oneLine = !outcome.message.trim().includes('\n') && outcome.message.trim().length > 0;
    return { right: oneLine, refused: true, detail: oneLine ? '' : `refusal is not one line: ${outcome.message}` };
  }
  if (!outcome.ok) return { right: false, refused: true, detail: `refused: ${outcome.message}` };
  if ('amounts' in e) {
    const d = compare(e.amounts, outcome.result.amounts, '', key);
    return { right: !d, refused: false, detail: d };
  }
  const schedule = outcome.result.schedule ?? [];
  if (schedule.length !== e.years.length) return { right: false, refused: false, detail: `schedule has ${schedule.length} years, expected ${e.years.length}` };
  const d = e.years
    .map((y) => {
      const row = schedule.find((r) => r.year === y.year);
      return row ? compare(y.amounts, row.amounts, `year ${y.year}: `, key) : `year ${y.year}: missing`;
    })
    .filter(Boolean)
    .join('; ');
  return { right: !d, refused: false, detail: d };
}
