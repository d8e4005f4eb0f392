import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../errors';

/** What a command may touch: output streams and stdin. Tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
}

export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const parts: Buffer[] = [];
      for await (const c of process.stdin) parts.push(c as Buffer);
      return Buffer.concat(parts).toString('utf8');
    },
  };
}

/** node:util parseArgs, with its errors turned into a UserError that names the usage. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(`${e instanceof Error ? e.message : String(e)}. Usage: ${usage}`);
  }
}

/** Parses JSONL from stdin; a bad line is reported with its line number, never thrown away silently. */
export function parseJsonLines(text: string): Array<{ line: number; value?: unknown; error?: string }> {
  const rows: Array<{ line: number; value?: unknown; error?: string }> = [];
  text.split(/\r?\n/).forEach((line, i) => {
    // A byte-order mark (files saved by Windows editors) is not part of the JSON.
    const raw = line.replace(/^\uFEFF/, '');
    if (!raw.trim()) return;
    try {
      rows.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (e) {
      rows.push({ line: i + 1, error: `line ${i + 1} is not valid JSON (${e instanceof Error ? e.message : e})` });
    }
  });
  return rows;
}
