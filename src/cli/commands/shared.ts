import type { CliIO } from '../io';
import { UserError } from '../../errors';
import type { RetrievalMode } from '../../retrieval/types';

const MODES: RetrievalMode[] = ['hybrid', 'lexical', 'vector'];

export function parseK(raw: string | undefined, dflt: number): number {
  if (raw === undefined) return dflt;
  const k = Number(raw);
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new UserError(`--k must be a whole number from 1 to 100, e.g. --k 5; got "${raw}"`);
  return k;
}

export function parseMode(raw: string | undefined): RetrievalMode | undefined {
  if (raw === undefined) return undefined;
  if (!MODES.includes(raw as RetrievalMode)) throw new UserError(`--mode must be one of ${MODES.join(', ')}; got "${raw}"`);
  return raw as RetrievalMode;
}

/** The question is the positional words joined (quotes are optional). */
export function questionFrom(positionals: string[], usage: string): string {
  const q = positionals.join(' ').trim();
  if (!q) throw new UserError(`type a question, e.g. "什么是飞地接力？". Usage: ${usage}`);
  return q;
}

/** Index build and warning messages go to stderr: stdout carries only the command's output. */
export function stderrLog(io: CliIO) {
  return (msg: string) => io.err(msg);
}
