import { z } from 'zod';
import type { CedictEntry } from './cedict';
import { EN_STOP, stem } from './tokenize';

/**
 * A dictionary bridge between English (and rare Chinese) question words and the corpus's own
 * Chinese vocabulary, built from CC-CEDICT at index time and saved with the index.
 *
 * The hand glossary (glossary.json) covers the domain's phrases; everyday English beyond it
 * ("tax breaks", "urbanization", "population", "factory") would otherwise only match the papers'
 * English abstracts. Only CEDICT headwords that occur in the corpus are kept as targets, so every
 * added term can match a passage, and the saved bridge stays small (a few thousand keys).
 */
export const BRIDGE_VERSION = 'bridge-v3';

/** A corpus term and its weight (0–1] for one English key or absent Chinese word. */
export type Weighted = [term: string, weight: number];

export const BridgeDataSchema = z.object({
  version: z.string(),
  /** English key (stemmed content words joined by ' ') → corpus terms whose CEDICT sense it is. */
  en: z.record(z.string(), z.array(z.tuple([z.string(), z.number()]))),
  /** English single word that is only part of a sense ("chip" in "computer chip") → corpus terms. */
  part: z.record(z.string(), z.array(z.tuple([z.string(), z.number()]))),
  /** Chinese word absent from the corpus → corpus words sharing one of its English senses. */
  zh: z.record(z.string(), z.array(z.tuple([z.string(), z.number()]))),
  /**
   * Corpus word → corpus near-synonyms: words that share a character with it AND a whole English
   * sense (演变 ↔ 演化 "evolution"), so a question in everyday wording meets the papers' wording.
   * Optional so bridges built before it still parse as data.
   */
  near: z.record(z.string(), z.array(z.tuple([z.string(), z.number()]))).optional(),
});
export type BridgeData = z.infer<typeof BridgeDataSchema>;

// Words that carry no topic in a dictionary sense ("to do sth for sb", "one's", "etc").
const GLOSS_STOP = new Set(['sb', 'sth', 'etc', 'oneself', 'one', 'someone', 'something', 'somebody', 'thing', 'kind', 'lit', 'fig', 'esp', 'e', 'g', 'eg', 'ie', 'also', 'make', 'get', 'take', 'put', 'used', 'sort', 'way']);
// Senses that name a grammar role or point elsewhere, not a meaning.
const SKIP_GLOSS = /^(?:cl:|see |variant of|old variant|abbr\.?|surname |used in|\(?archaic|\(?old\)|\(?classical|\(?dialect|\(?bound form|radical|japanese|korean|\(?tw\)?$)|\[/i;

const MAX_KEY_WORDS = 3;
/** Targets per key: more than this and the key is too vague to help. */
const MAX_TARGETS = 8;
const MAX_ZH_TARGETS = 3;
/** A sense shared by more corpus words than this is too vague to make two of them near-synonyms. */
const MAX_NEAR_KEY_WORDS = 6;

const CJK_WORD = /^[\u3400-\u4dbf\u4e00-\u9fff]{2,8}$/;

/**
 * Discourse words of questions ("what actually happens", "in plain terms", "every one of", "bother",
 * "supposed to"): they carry no topic, and their dictionary senses (其实, 平实, 凡是, 发生…) only pull
 * towards passages that happen to use those everyday words. Matched in keyStem form.
 */
const QUESTION_FRAME = new Set(
  (
    'actually already really exactly basically generally particular particularly mainly mostly simply usually often ever even still yet ' +
    'every own instead plain bother suppos happen occur kind sort type thing stuff lot exist involv ' +
    'get got make made come go goe went take took want like know think seem look doe need'
  ).split(/\s+/),
);

/** Whether an English word (any form) is a question's discourse word rather than its topic. */
export function isFrameWord(word: string): boolean {
  const w = word.toLowerCase();
  return EN_STOP.has(w) || QUESTION_FRAME.has(keyStem(w)) || EN_STOP.has(stem(w));
}

/**
 * A question's English words → runs of stemmed topic words for the bridge: discourse and stop words
 * end a run, so no dictionary phrase is formed across them.
 */
export function questionRuns(words: string[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const raw of words) {
    const w = raw.normalize('NFKC').toLowerCase().replace(/['’]s$/, '');
    if (!/^[a-z0-9]+$/.test(w) || isFrameWord(w) || GLOSS_STOP.has(w) || (w.length < 2 && !/\d/.test(w))) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    run.push(keyStem(w));
  }
  if (run.length) runs.push(run);
  return runs;
}

/** English text → stemmed content words, the form both keys and questions are matched in. */
export function glossWords(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().replace(/['’]s\b/g, '').match(/[a-z0-9]+/g) ?? [];
  return words.filter((w) => !EN_STOP.has(w) && !GLOSS_STOP.has(w) && (w.length > 1 || /\d/.test(w))).map(keyStem);
}

/** The tokenizer's light stem, also without a final e, so replace/replaced and package/packaging meet. */
export function keyStem(word: string): string {
  const s = stem(word);
  return s.length > 3 && s.endsWith('e') && !s.endsWith('ee') ? s.slice(0, -1) : s;
}

// British → American spellings (CEDICT and the glossary use American): tried only when the word
// as written is unknown and the respelt word is known, so enterprise/rise/tour are left alone.
const BRITISH: [RegExp, string][] = [
  [/isation(s?)$/, 'ization$1'],
  [/is(e|ed|es|ing)$/, 'iz$1'],
  [/yse(d|s)?$/, 'yze$1'],
  [/our(s|ed|ing|ite|ites|able)?$/, 'or$1'],
  [/tre(s)?$/, 'ter$1'],
  [/ence(s)?$/, 'ense$1'],
  [/ogue(s)?$/, 'og$1'],
  [/([aeiou])ll(ed|ing|er|ers)$/, '$1l$2'],
];

/** The American spelling of `word` when only that one is known to `known` (keyStem form). */
export function americanize(word: string, known: (stemmed: string) => boolean): string {
  if (known(keyStem(word))) return word;
  for (const [re, to] of BRITISH) {
    if (!re.test(word)) continue;
    const alt = word.replace(re, to);
    if (known(keyStem(alt))) return alt;
  }
  return word;
}

/** A sense's match keys: the whole sense without parenthesised notes, and its single words. */
function senseKeys(gloss: string): { whole?: string; parts: string[] } {
  if (SKIP_GLOSS.test(gloss)) return { parts: [] };
  const bare = gloss.replace(/\([^)]*\)/g, ' ').replace(/^\s*(?:to|a|an|the)\s+/i, '');
  const words = glossWords(bare);
  if (!words.length || words.length > MAX_KEY_WORDS + 1) return { parts: [] };
  const whole = words.length <= MAX_KEY_WORDS ? words.join(' ') : undefined;
  return { whole, parts: words.length > 1 ? words : [] };
}

/** Character bigrams of a compact text, to test cheaply whether a word can occur in it. */
function bigramSet(text: string): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) s.add(text.slice(i, i + 2));
  return s;
}

function occursIn(word: string, bigrams: Set<string>, text: string): boolean {
  for (let i = 0; i + 1 < word.length; i++) if (!bigrams.has(word.slice(i, i + 2))) return false;
  return text.includes(word);
}

type Acc = Map<string, Map<string, number>>;
function add(acc: Acc, key: string, term: string, w: number): void {
  let m = acc.get(key);
  if (!m) acc.set(key, (m = new Map()));
  if ((m.get(term) ?? 0) < w) m.set(term, w);
}

/** Best targets first, at most `max`; vaguer keys (more targets) give each target less weight. */
function finish(acc: Acc, max: number): Record<string, Weighted[]> {
  const out: Record<string, Weighted[]> = {};
  for (const key of [...acc.keys()].sort()) {
    const cands = [...acc.get(key)!.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
    const kept = cands.slice(0, max);
    const spread = 1 / Math.sqrt(kept.length);
    out[key] = kept.map(([t, w]) => [t, Number((w * spread).toFixed(3))]);
  }
  return out;
}

/**
 * Builds the bridge for a corpus. `corpusText` is the whole corpus, normalised (NFKC, lowercase)
 * and without whitespace.
 */
export function buildBridge(corpusText: string, cedict: Iterable<CedictEntry>): BridgeData {
  const bigrams = bigramSet(corpusText);
  const en: Acc = new Map();
  const part: Acc = new Map();
  const absent: { zh: string; keys: string[] }[] = [];
  for (const e of cedict) {
    if (!CJK_WORD.test(e.zh)) continue;
    const inCorpus = occursIn(e.zh, bigrams, corpusText);
    const keys: string[] = [];
    e.glosses.forEach((g, i) => {
      const { whole, parts } = senseKeys(g);
      // The first senses are the common ones: later senses count a little less.
      const rank = i === 0 ? 1 : i < 3 ? 0.8 : 0.6;
      if (whole) keys.push(whole);
      if (!inCorpus) return;
      if (whole) add(en, whole, e.zh, rank);
      for (const p of parts) add(part, p, e.zh, rank * 0.5);
    });
    if (!inCorpus && e.zh.length <= 4 && keys.length) absent.push({ zh: e.zh, keys: keys.slice(0, 4) });
  }
  const enOut = finish(en, MAX_TARGETS);
  const near = nearSynonyms(en);
  // A Chinese word the papers never use reaches their words through a shared English sense.
  const zh: Acc = new Map();
  for (const a of absent) {
    for (const key of a.keys) for (const [t, w] of enOut[key] ?? []) if (t !== a.zh) add(zh, a.zh, t, w);
  }
  return { version: BRIDGE_VERSION, en: enOut, part: finish(part, MAX_TARGETS), zh: finish(zh, MAX_ZH_TARGETS), near: finish(near, MAX_ZH_TARGETS) };
}

/**
 * Corpus words that share a character and a whole English sense (two-character words, one of their first
 * three senses, same head or same tail character): 演变/演化 "evolution", 督促/督查 … A shared character alone links
 * unrelated words (人员/人口) and a shared sense alone links loose ones (工厂/企业 are not in one
 * sense either way); both together are the near-synonyms Chinese writers swap freely.
 */
function nearSynonyms(en: Acc): Acc {
  const near: Acc = new Map();
  for (const words of en.values()) {
    if (words.size < 2 || words.size > MAX_NEAR_KEY_WORDS) continue;
    const list = [...words.entries()].filter(([t, w]) => t.length === 2 && w >= 0.8);
    for (const [a, wa] of list) {
      for (const [b, wb] of list) {
        // Two-character words sharing the head or the tail character (演变/演化, 鼓励/激励).
        if (a === b || (a[0] !== b[0]) === (a[1] !== b[1])) continue;
        add(near, a, b, Math.min(wa, wb));
      }
    }
  }
  return near;
}

export interface BridgeMatch {
  /** The English key as matched (stemmed words). */
  en: string;
  zh: Weighted[];
}

function merge(a: Weighted[] | undefined, b: Weighted[] | undefined): Weighted[] | undefined {
  if (!a || !b) return a ?? b;
  const m = new Map<string, number>(a);
  for (const [t, w] of b) if ((m.get(t) ?? 0) < w) m.set(t, w);
  return [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, MAX_TARGETS);
}

type Section = 'en' | 'part' | 'zh' | 'near';
const SECTIONS: Section[] = ['en', 'part', 'zh', 'near'];

/**
 * The saved form (`bridge.tsv`): one `section<TAB>key<TAB>term:weight,…` line per key. Loading keeps
 * each value as its string and parses it on lookup, so opening the index stays fast (~10 ms for
 * ~20k keys instead of ~150 ms to parse and validate JSON).
 */
export function serializeBridge(data: BridgeData): string {
  const lines = [`#${data.version}`];
  for (const sec of SECTIONS) {
    for (const [key, targets] of Object.entries(data[sec] ?? {})) lines.push(`${sec}\t${key}\t${targets.map(([t, w]) => `${t}:${w}`).join(',')}`);
  }
  return `${lines.join('\n')}\n`;
}

function parseTargets(value: string): Weighted[] {
  return value.split(',').map((p) => {
    const at = p.lastIndexOf(':');
    return [p.slice(0, at), Number(p.slice(at + 1))];
  });
}

/** The runtime half: looks question words up in a built bridge. */
export class Bridge {
  private readonly maps: Record<Section, Map<string, string>> = { en: new Map(), part: new Map(), zh: new Map(), near: new Map() };
  private readonly known = new Set<string>();

  /** From `serializeBridge` output; throws on a file of another version or shape. */
  static parse(text: string): Bridge {
    const lines = text.split('\n');
    if (lines[0] !== `#${BRIDGE_VERSION}`) throw new Error(`bridge file is not ${BRIDGE_VERSION}`);
    const b = new Bridge();
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      if (!line) continue;
      const t1 = line.indexOf('\t');
      const t2 = line.indexOf('\t', t1 + 1);
      const sec = line.slice(0, t1) as Section;
      if (t1 < 0 || t2 < 0 || !b.maps[sec]) throw new Error(`bridge file line ${i + 1} is malformed`);
      b.maps[sec].set(line.slice(t1 + 1, t2), line.slice(t2 + 1));
    }
    b.index();
    return b;
  }

  constructor(data?: BridgeData) {
    if (!data) return;
    for (const sec of SECTIONS) for (const [k, v] of Object.entries(data[sec] ?? {})) this.maps[sec].set(k, v.map(([t, w]) => `${t}:${w}`).join(','));
    this.index();
  }

  private index(): void {
    for (const k of this.maps.en.keys()) for (const w of k.split(' ')) this.known.add(w);
    for (const k of this.maps.part.keys()) this.known.add(k);
  }

  private get(sec: Section, key: string): Weighted[] | undefined {
    const v = this.maps[sec].get(key);
    return v === undefined ? undefined : parseTargets(v);
  }

  static empty(): Bridge {
    return new Bridge({ version: BRIDGE_VERSION, en: {}, part: {}, zh: {} });
  }

  get size(): number {
    return this.maps.en.size + this.maps.part.size + this.maps.zh.size;
  }

  /** Whether a stemmed English word occurs in any key (for spelling normalisation). */
  knows(word: string): boolean {
    return this.known.has(word);
  }

  /**
   * Corpus terms for runs of stemmed English content words: longest key first; a word found in no
   * whole sense falls back to senses it is part of, at the lower weight those carry.
   */
  english(runs: string[][]): BridgeMatch[] {
    const out: BridgeMatch[] = [];
    for (const words of runs) {
      for (let i = 0; i < words.length; ) {
        let matched = 0;
        for (let n = Math.min(MAX_KEY_WORDS, words.length - i); n >= 1; n--) {
          const key = words.slice(i, i + n).join(' ');
          // A single word also reaches the senses it is only part of ("chip" → 芯片 "computer chip").
          const zh = n === 1 ? merge(this.get('en', key), this.get('part', key)) : this.get('en', key);
          if (zh) {
            out.push({ en: key, zh });
            matched = n;
            break;
          }
        }
        i += matched || 1;
      }
    }
    return out;
  }

  /** Corpus words for a Chinese word the corpus never uses (工厂 → 厂房 …); undefined when none. */
  chinese(word: string): Weighted[] | undefined {
    return this.get('zh', word);
  }

  /** Corpus near-synonyms of a corpus word (shared character and English sense); undefined when none. */
  near(word: string): Weighted[] | undefined {
    return this.get('near', word);
  }
}
