import type { CliIO } from './io';
import { parseJsonLines } from './io';
import { isUserError } from '../errors';

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

/**
 * Runs `handle` on each stdin JSONL line `{"id","question"}` and prints one JSON line per input,
 * in order. A bad line (not JSON, no question) or a failing question gets `{"id", "error"}` and
 * the run goes on. Per-line errors are part of the output, so the exit code stays 0; a count goes to stderr.
 */
export async function runBatch(io: CliIO, handle: (item: BatchItem) => Promise<Record<string, unknown>>): Promise<number> {
  const text = await io.readStdin();
  const rawLines = text.split(/\r?\n/);
  const rows = parseJsonLines(text);
  if (!rows.length) {
    io.err('Error: --batch reads JSON lines from stdin, e.g. {"id":"q1","question":"什么是飞地接力？"} — got no input.');
    return 1;
  }
  let failed = 0;
  for (const row of rows) {
    const raw = rawLines[row.line - 1] ?? '';
    if (row.error) {
      failed++;
      io.out(JSON.stringify({ id: idOfBadLine(raw), error: row.error }));
      continue;
    }
    const v = row.value as Record<string, unknown> | null;
    const id = v && typeof v === 'object' && !Array.isArray(v) ? (v.id ?? null) : null;
    if (!v || typeof v !== 'object' || Array.isArray(v) || typeof v.question !== 'string') {
      failed++;
      io.out(JSON.stringify({ id, error: `line ${row.line}: expected an object like {"id":"q1","question":"…"} with "question" as text` }));
      continue;
    }
    if (v.context !== undefined && typeof v.context !== 'string') {
      failed++;
      io.out(JSON.stringify({ id, error: `line ${row.line}: "context" must be text (the previous question)` }));
      continue;
    }
    try {
      io.out(JSON.stringify({ id, ...(await handle({ id, question: v.question, context: v.context as string | undefined })) }));
    } catch (e) {
      failed++;
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      io.out(JSON.stringify({ id, error: isUserError(e) ? msg : `line ${row.line}: ${msg}` }));
    }
  }
  if (failed) io.err(`${failed} of ${rows.length} lines failed; see their "error" fields.`);
  return 0;
}
