/**
 * `mode [--json] "description"`: classify a partnership into an enclave mode. Without a description,
 * stdin is read (text, or a JSON object of structured answers). `--batch`: stdin JSONL
 * {"id","text"} (structured fields allowed) → one JSON line per input with its id; a bad line gets
 * {"id","error"} and the run goes on (the count goes to stderr).
 */
import { isUserError, UserError } from '../../errors';
import { classifyMode, formatModeText, ModeAnswersSchema, type ModeResult } from '../../tools';
import type { CliIO } from '../io';
import { parseCommandArgs, parseJsonLines } from '../io';
import { idOfBadLine } from '../batch';

export const USAGE = 'mode [--json] [--batch] "description of the partnership"';

export function modeJson(r: ModeResult) {
  return {
    primary: r.primary,
    direction: r.direction,
    candidates: r.candidates,
    recommendations: r.recommendations,
    sources: r.sources,
    ...(r.missing ? { missing: r.missing } : {}),
  };
}

async function batch(io: CliIO): Promise<number> {
  const text = await io.readStdin();
  const rawLines = text.split(/\r?\n/);
  const rows = parseJsonLines(text);
  if (!rows.length) throw new UserError('--batch reads JSON lines from stdin, e.g. {"id":"m1","text":"衢州在杭州设研发中心"} — got no input');
  let failed = 0;
  for (const row of rows) {
    const v = row.value as Record<string, unknown> | undefined;
    const id = row.error ? idOfBadLine(rawLines[row.line - 1] ?? '') : v && typeof v === 'object' && !Array.isArray(v) ? (v.id ?? null) : null;
    try {
      if (row.error) throw new UserError(row.error);
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new UserError(`line ${row.line}: expected an object like {"id":"m1","text":"…"}`);
      const { id: _id, ...rest } = v;
      // `question` / `description` as the text, as in the other commands' batch lines.
      for (const alias of ['question', 'description'] as const)
        if (rest.text === undefined && typeof rest[alias] === 'string') {
          rest.text = rest[alias];
          delete rest[alias];
        }
      const parsed = ModeAnswersSchema.safeParse(rest);
      if (!parsed.success || (parsed.data.text === undefined && Object.keys(parsed.data).length === 0))
        throw new UserError(`line ${row.line}: expected {"id":"m1","text":"description"}${parsed.success ? '' : ` (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`}`);
      io.out(JSON.stringify({ id, ...modeJson(classifyMode(parsed.data)) }));
    } catch (e) {
      if (!isUserError(e)) throw e;
      failed++;
      io.out(JSON.stringify({ id, error: e.message }));
    }
  }
  if (failed) io.err(`${failed} of ${rows.length} lines could not be classified (see their "error")`);
  return 0;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, batch: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    io.out(`Usage: npm run -s cli -- ${USAGE}`);
    return 0;
  }
  if (values.batch) {
    if (positionals.length) throw new UserError(`--batch reads descriptions from stdin; drop the argument. Usage: ${USAGE}`);
    return batch(io);
  }
  let input: string | Record<string, unknown> = positionals.join(' ');
  if (!positionals.length) {
    const raw = (await io.readStdin()).trim();
    if (!raw) throw new UserError(`describe the partnership, e.g. "衢州在杭州设研发孵化中心，成熟项目回衢州生产". Usage: ${USAGE}`);
    input = raw;
    if (raw.startsWith('{')) {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (e) {
        throw new UserError(`stdin looks like JSON but is not valid (${e instanceof Error ? e.message : String(e)}); give a description or {"text": "…"}`);
      }
      const parsed = ModeAnswersSchema.safeParse(value);
      if (!parsed.success) throw new UserError(`structured answers: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
      input = parsed.data;
    }
  }
  const result = classifyMode(input);
  const english = !/\p{Script=Han}/u.test(typeof input === 'string' ? input : String(input.text ?? ''));
  io.out(values.json ? JSON.stringify(modeJson(result)) : formatModeText(result, english));
  return 0;
}
