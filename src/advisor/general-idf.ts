import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { remember } from '../memo';

/**
 * How specific a word is in general Chinese, from the IDF table jieba ships (`@node-rs/jieba/idf.txt`,
 * computed over a large general corpus). A question word the papers never use is either the topic of
 * a question the corpus cannot answer (护照, 世界杯, 雄安 — rare in general text) or just the way the
 * question is put (含义, 办法, 毛病 — common everywhere): the table tells which, without a hand list.
 */

let text: string | undefined;
const cache = new Map<string, number>();
// jieba's own convention: a word missing from the table gets the table's median IDF.
const MEDIAN_IDF = 11.74;

/**
 * The table is read as one string (~30 ms, once) and searched per word (~1 ms, cached): building a
 * 270 000-entry map would cost ~200 ms at start-up for the handful of words a question needs.
 */
function lookup(word: string): number {
  if (text === undefined) {
    try {
      const require = createRequire(import.meta.url);
      text = `\n${readFileSync(join(dirname(require.resolve('@node-rs/jieba/dict.js')), 'idf.txt'), 'utf8')}`;
    } catch {
      text = ''; // without the table every word counts as specific: the advisor behaves as before it existed
    }
  }
  if (!text) return Infinity;
  const at = text.indexOf(`\n${word} `);
  if (at < 0) return MEDIAN_IDF;
  const from = at + word.length + 2;
  const end = text.indexOf('\n', from);
  const v = Number(text.slice(from, end < 0 ? undefined : end));
  return Number.isFinite(v) ? v : MEDIAN_IDF;
}

/** General-language IDF of a word (jieba's table; its median for a word it lacks; ∞ without the table). */
export function generalIdf(word: string): number {
  return remember(cache, word, 20_000, lookup);
}

/** Below this general IDF a word is everyday wording (问题 4.0, 办法 5.3); above the upper one, specific (护照 9.7, 分账 12.3). */
export const GENERAL_IDF_RANGE: readonly [number, number] = [5, 8];
/** The least a word the corpus never uses keeps of its weight, however common it is in general text. */
export const MIN_SPECIFICITY = 0.15;

/**
 * 0.15–1: how much an absent Chinese word should count as a topic the corpus lacks. Linear in the
 * general IDF between GENERAL_IDF_RANGE; words jieba does not know (mostly names: 雄安) count fully.
 */
export function specificity(word: string): number {
  const idf = generalIdf(word);
  const [lo, hi] = GENERAL_IDF_RANGE;
  if (!Number.isFinite(idf)) return 1;
  return Math.min(1, Math.max(MIN_SPECIFICITY, (idf - lo) / (hi - lo)));
}
