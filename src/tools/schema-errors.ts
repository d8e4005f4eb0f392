/** Shared zod helpers: numbers with readable messages, and a zod error turned into one clear UserError line. */
import { z } from 'zod';
import { UserError } from '../errors';

export function show(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === undefined) return 'nothing';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** A number ≥ 0 whose error says what was received. */
export function nonNegative(description: string) {
  return z
    .number({ error: (iss) => (iss.input === undefined ? 'is required' : `must be a number (got ${show(iss.input)})`) })
    .min(0, { error: (iss) => `must not be negative (got ${show((iss as { input?: unknown }).input)})` })
    .describe(description);
}

function pathText(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** The first issue of a zod error, as `path message. Example: …` (one line). */
export function zodUserError(err: z.ZodError, example: string): UserError {
  const iss = err.issues[0];
  const path = pathText(iss.path);
  let msg = iss.message;
  if (iss.code === 'invalid_type' && iss.path.length === 0) msg = `input must be a JSON object (got ${show(iss.input)})`;
  return new UserError(`${path ? `${path} ` : ''}${msg}. Example: ${example}`);
}
