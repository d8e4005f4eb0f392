/** `split [--json] [--text "六四分成 1000万"]`: benefit-sharing split from JSON on stdin or from chat text. */
import { UserError } from '../../errors';
import { computeSplit, formatSplitText, SPLIT_EXAMPLE, splitFromText, type SplitResult } from '../../tools';
import { chartLang, LANG_OPTION, PNG_OPTION, writeRequested, XLSX_OPTION } from '../chart-flags';
import type { CliIO } from '../io';
import { parseCommandArgs } from '../io';

export const USAGE = `split [--json] [--text "六四分成 1000万"] [--png FILE] [--xlsx FILE] [--lang zh|en]  (without --text: one JSON object on stdin, e.g. ${SPLIT_EXAMPLE})`;

/** The contract's key order: shares, amounts, schedule?, steps, sources. */
export function splitJson(r: SplitResult) {
  return { shares: r.shares, amounts: r.amounts, ...(r.schedule ? { schedule: r.schedule } : {}), steps: r.steps, sources: r.sources };
}

export function parseJsonObject(raw: string, example: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new UserError(`stdin is not valid JSON (${e instanceof Error ? e.message : String(e)}). Example: ${example}`);
  }
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, text: { type: 'string' }, ...PNG_OPTION, ...XLSX_OPTION, ...LANG_OPTION, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    io.out(`Usage: npm run -s cli -- ${USAGE}`);
    return 0;
  }
  const lang = chartLang(values.lang);
  const text = values.text ?? (positionals.length ? positionals.join(' ') : undefined);
  let result: SplitResult;
  if (text !== undefined) {
    result = splitFromText(text);
  } else {
    const raw = (await io.readStdin()).trim();
    if (!raw) throw new UserError(`no input: pipe one JSON object on stdin (e.g. ${SPLIT_EXAMPLE}) or give chat text with --text "六四分成 1000万"`);
    const input = parseJsonObject(raw, SPLIT_EXAMPLE);
    // {"text": "..."} on stdin is chat text too
    const asText = input && typeof input === 'object' && !Array.isArray(input) && typeof (input as { text?: unknown }).text === 'string' && !('revenue' in input);
    result = asText ? splitFromText((input as { text: string }).text) : computeSplit(input);
  }
  // Files first: a path that cannot be written is an error before anything is printed.
  await writeRequested([
    // Loaded only when asked for: plain `split --json` stays as quick as before.
    { flag: '--png', path: values.png, render: async () => (await import('../../charts')).splitChartPng(result, lang) },
    { flag: '--xlsx', path: values.xlsx, render: async () => (await import('../../export')).splitWorkbook(result, lang) },
  ]);
  io.out(values.json ? JSON.stringify(splitJson(result)) : formatSplitText(result));
  return 0;
}
