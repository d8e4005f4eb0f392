/** `estimate [--json] [--km2 N | --mu N] [--output-per-mu N] [--unit 万元]`, or the JSON object on stdin. */
import { UserError } from '../../errors';
import { ESTIMATE_EXAMPLE, estimateOutput, formatEstimateText } from '../../tools';
import { chartLang, LANG_OPTION, PNG_OPTION, writeRequested } from '../chart-flags';
import type { CliIO } from '../io';
import { parseCommandArgs } from '../io';
import { parseJsonObject } from './split';

export const USAGE = `estimate [--json] [--km2 N | --mu N] [--output-per-mu N] [--unit 万元] [--png FILE] [--lang zh|en]  (or JSON on stdin, e.g. ${ESTIMATE_EXAMPLE})`;

function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UserError(`--${flag} must be a number (got "${v}"). Usage: ${USAGE}`);
  return n;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, km2: { type: 'string' }, mu: { type: 'string' }, 'output-per-mu': { type: 'string' }, unit: { type: 'string' }, ...PNG_OPTION, ...LANG_OPTION, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (values.help) {
    io.out(`Usage: npm run -s cli -- ${USAGE}`);
    return 0;
  }
  let input: unknown;
  if (values.km2 !== undefined || values.mu !== undefined || values['output-per-mu'] !== undefined) {
    const km2 = num('km2', values.km2);
    const mu = num('mu', values.mu);
    input = { area: { ...(km2 !== undefined ? { km2 } : {}), ...(mu !== undefined ? { mu } : {}) }, outputPerMu: num('output-per-mu', values['output-per-mu']), ...(values.unit ? { unit: values.unit } : {}) };
  } else {
    const raw = (await io.readStdin()).trim();
    if (!raw) throw new UserError(`no input: pipe one JSON object on stdin, e.g. ${ESTIMATE_EXAMPLE}, or use --km2 2 --output-per-mu 250`);
    input = parseJsonObject(raw, ESTIMATE_EXAMPLE);
  }
  const lang = chartLang(values.lang);
  const result = estimateOutput(input);
  // The chart shows the inputs beside the figure; the calculator has just validated them.
  await writeRequested([{ flag: '--png', path: values.png, render: async () => (await import('../../charts')).estimateChartPng({ ...(input as object), ...result }, lang) }]);
  io.out(values.json ? JSON.stringify(result) : formatEstimateText(result));
  return 0;
}
