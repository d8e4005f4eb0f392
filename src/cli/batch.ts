import type { CliIO } from './io';
import { parseJsonLines } from './io';
import { isUserError, UserError } from '../errors';

/** One usable input line of a `--batch` run. */
export interface BatchItem {
  id: unknown;
  question: string;
  context?: string;
}

const ID_IN_RAW = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/;

/** Best effort: the id of a line that is not valid JSON, so its error line can still be matched up. */
export function idOfBadLine(raw: string): unknown {
  const m = ID_IN_RAW.exec(raw);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!);
  } catch {
    return null;
  }
}

/** How one command reads and answers its `--batch` lines. */
export interface JsonlBatch<T> {
  /** An example line for the "no input" message, e.g. `{"id":"q1","question":"什么是飞地接力？"}`. */
  example: string;
  /** Turns one parsed line (an object, id included) into the command's input; throws UserError with a line-numbered message. */
  read(value: Record<string, unknown>, line: number): T;
  handle(item: T): Promise<Record<string, unknown>>;
}

/**
 * The `--batch` loop every command shares: stdin JSONL → one JSON line per input, in order, with its
 * id. A bad line (not JSON, wrong shape) or a failing input gets `{"id", "error"}` and the run goes
 * on. Per-line errors are part of the output, so the exit code stays 0; a count goes to stderr.
 */
export async function runJsonlBatch<T>(io: CliIO, batch: JsonlBatch<T>): Promise<number> {
  const text = await io.readStdin();
  const rawLines = text.split(/\r?\n/);
  const rows = parseJsonLines(text);
  if (!rows.length) {
    io.err(`Error: --batch reads JSON lines from stdin, e.g. ${batch.example} — got no input.`);
    return 1;
  }
  let failed = 0;
  for (const row of rows) {
    if (row.error) {
      failed++;
      io.out(JSON.stringify({ id: idOfBadLine(rawLines[row.line - 1] ?? ''), error: row.error }));
      continue;
    }
    const v = row.value;
    const isObject = v !== null && typeof v === 'object' && !Array.isArray(v);
    const id = isObject ? ((v as Record<string, unknown>).id ?? null) : null;
    try {
      if (!isObject) throw new UserError(`line ${row.line}: expected an object like ${batch.example}`);
      io.out(JSON.stringify({ id, ...(await batch.handle(batch.read(v as Record<string, unknown>, row.line))) }));
    } catch (e) {
      failed++;
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      io.out(JSON.stringify({ id, error: isUserError(e) ? msg : `line ${row.line}: ${msg}` }));
    }
  }
  if (failed) io.err(`${failed} of ${rows.length} lines failed; see their "error" fields.`);
  return 0;
}

/** `--batch` for the question commands (retrieve, ask): lines `{"id","question","context"?}`. */
export function runBatch(io: CliIO, handle: (item: BatchItem) => Promise<Record<string, unknown>>): Promise<number> {
  return runJsonlBatch(io, {
    example: '{"id":"q1","question":"什么是飞地接力？"}',
    read(v, line) {
      if (typeof v.question !== 'string') throw new UserError(`line ${line}: expected an object like {"id":"q1","question":"…"} with "question" as text`);
      if (v.context !== undefined && typeof v.context !== 'string') throw new UserError(`line ${line}: "context" must be text (the previous question)`);
      return { id: v.id ?? null, question: v.question, context: v.context as string | undefined };
    },
    handle,
  });
}
