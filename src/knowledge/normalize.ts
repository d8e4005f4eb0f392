/**
 * Input normalisation, before anything else reads a question: Traditional → Simplified characters
 * (OpenCC's dictionaries through opencc-js, pure JS), full-width letters and digits, colloquial words
 * (啥 → 什么, 咋 → 怎么) and common mistypings of domain terms. Everyday words that name a measure
 * (多大 → 面积 规模) are expanded, not replaced, so the question keeps its own wording too.
 * British/American spelling and English word forms are handled by the retrieval tokenizer (keyStem).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Converter } from 'opencc-js/t2cn';
import { z } from 'zod';
import { readCharReadings } from '../retrieval/cedict';
import { getJieba, userDictTerms } from '../retrieval/tokenize';
import { homophoneCorrector, type HomophoneCorrector } from './homophones';

const ColloquialSchema = z.object({
  _comment: z.string().optional(),
  replace: z.record(z.string(), z.string()),
  expand: z.record(z.string(), z.string()),
});

interface Tables {
  /** The replacements by their first character, each list longest first: only those can match at a position. */
  replaceByFirst: Map<string, [string, string][]>;
  expand: [string, string][];
}

let tables: Tables | undefined;
function getTables(): Tables {
  if (!tables) {
    const path = fileURLToPath(new URL('./data/colloquial.json', import.meta.url));
    const data = ColloquialSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    const byLength = (a: [string, string], b: [string, string]) => b[0].length - a[0].length;
    const replace = Object.entries(data.replace).sort(byLength);
    const replaceByFirst = new Map<string, [string, string][]>();
    for (const r of replace) replaceByFirst.set(r[0][0]!, [...(replaceByFirst.get(r[0][0]!) ?? []), r]);
    tables = { replaceByFirst, expand: Object.entries(data.expand).sort(byLength) };
  }
  return tables;
}

let toSimplified: ((s: string) => string) | undefined;

/** Traditional (Taiwan, Hong Kong or generic) characters to Simplified; Simplified text is unchanged. */
export function simplify(text: string): string {
  toSimplified ??= Converter({ from: 't', to: 'cn' });
  // Only CJK runs can change; skip the converter for pure ASCII (English questions).
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text) ? toSimplified(text) : text;
}

/** Full-width ASCII letters, digits and the ideographic space to their half-width forms; CJK punctuation stays. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Replaces colloquial words and mistypings (longest first, left to right), and appends expansions (unless told not to). */
export function standardize(text: string, opts: { expand?: boolean } = {}): string {
  const { replaceByFirst, expand } = getTables();
  let out = '';
  let i = 0;
  outer: while (i < text.length) {
    for (const [from, to] of replaceByFirst.get(text[i]!) ?? []) {
      if (text.startsWith(from, i)) {
        out += to;
        i += from.length;
        continue outer;
      }
    }
    out += text[i++];
  }
  if (opts.expand === false) return out;
  const added = expand.filter(([from]) => out.includes(from)).map(([, to]) => to);
  return added.length ? `${out} ${added.join(' ')}` : out;
}

let readings: Map<string, string[]> | undefined;

/**
 * A homophone corrector over `terms` with CC-CEDICT's readings and jieba's segmentation. The readings
 * load once per process (~60 ms), shared by every corrector: the questions' and the split parser's.
 */
export function termCorrector(terms: Iterable<string>, options: { minLength?: number } = {}): HomophoneCorrector {
  readings ??= readCharReadings();
  const table = readings;
  const jieba = getJieba();
  return homophoneCorrector(terms, (ch) => table.get(ch), (t) => jieba.cut(t, false), options);
}

let bySound: Map<string, string[]> | undefined;
/**
 * The words that read like `word` with one character swapped for a same-sounding one (智惠 → 智慧,
 * tones aside): for a name the corpus lacks, the words the writer may have meant.
 */
export function soundAlikes(word: string): string[] {
  readings ??= readCharReadings();
  if (!bySound) {
    bySound = new Map();
    for (const [ch, rs] of readings) {
      for (const r of rs) {
        const chars = bySound.get(r);
        if (chars) chars.push(ch);
        else bySound.set(r, [ch]);
      }
    }
  }
  const out = new Set<string>();
  for (let k = 0; k < word.length; k++) {
    for (const r of readings.get(word[k]!) ?? []) for (const c of bySound.get(r) ?? []) if (c !== word[k]) out.add(word.slice(0, k) + c + word.slice(k + 1));
  }
  return [...out];
}

let corrector: HomophoneCorrector | undefined;
const documentTerms = new Set<string>();

/**
 * The documents' own words of four or more characters (基础设施, 资源配置): typed with a pinyin slip,
 * they are read as meant, like the domain terms. The retriever adds its documents' words when it opens.
 */
export function addCorrectionTerms(words: Iterable<string>): void {
  const before = documentTerms.size;
  for (const w of words) if (w.length >= 4 && /^[\u4e00-\u9fff]+$/.test(w)) documentTerms.add(w);
  if (documentTerms.size !== before) corrector = undefined;
}

/** Domain terms typed with a homophone (科创走郎 → 科创走廊); built on the first Chinese question. */
export function correctHomophones(text: string): string {
  if (!/[\u4e00-\u9fff]{3}/.test(text)) return text;
  corrector ??= termCorrector([...userDictTerms(), ...documentTerms]);
  return corrector(text);
}

/** The whole normalisation a question goes through before retrieval and analysis. */
export function normalizeInput(text: string, opts: { expand?: boolean } = {}): string {
  return standardize(correctHomophones(fullYears(simplify(halfWidth(text)))), opts);
}

/**
 * 02年, 有的说01年: a year written with two digits is a year of this century when it has a leading zero, or when what
 * says it (说, 是, 从, 在, 于, 到) comes right before it — 26年 alone may be a count of years.
 */
export function fullYears(text: string): string {
  return text.replace(/(^|[^\d.第])(0\d|[12]\d)(?=\s*年(?![间来内多余左]))/g, (m, before: string, yy: string, at: number) =>
    yy.startsWith('0') || /(?:说|是|从|在|于|到|至|或|还是)\s*$/.test(text.slice(Math.max(0, at - 3), at + before.length)) ? `${before}20${yy}` : m,
  );
}
