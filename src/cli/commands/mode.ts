/**
 * `mode [--json] "description"`: classify a partnership into an enclave mode. Without a description,
 * stdin is read (text, or a JSON object of structured answers). `--batch`: stdin JSONL
 * {"id","text"} (structured fields allowed) → one JSON line per input with its id; a bad line gets
 * {"id","error"} and the run goes on (the count goes to stderr).
 */
import { UserError } from '../../errors';
import { classifyMode, formatModeText, ModeAnswersSchema, type ModeResult } from '../../tools';
import type { CliIO } from '../io';
import { parseCommandArgs } from '../io';
import { runJsonlBatch } from '../batch';

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

function batch(io: CliIO): Promise<number> {
  return runJsonlBatch(io, {
    example: '{"id":"m1","text":"衢州在杭州设研发中心"}',
    read(v, line) {
      const { id: _id, ...rest } = v;
      // `question` / `description` as the text, as in the other commands' batch lines.
      for (const alias of ['question', 'description'] as const)
        if (rest.text === undefined && typeof rest[alias] === 'string') {
          rest.text = rest[alias];
          delete rest[alias];
        }
      const parsed = ModeAnswersSchema.safeParse(rest);
      if (!parsed.success || (parsed.data.text === undefined && Object.keys(parsed.data).length === 0))
        throw new UserError(`line ${line}: expected {"id":"m1","text":"description"}${parsed.success ? '' : ` (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`}`);
      return parsed.data;
    },
    handle: async (answers) => modeJson(classifyMode(answers)),
  });
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
