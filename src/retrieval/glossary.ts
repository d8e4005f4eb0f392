import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { stem, userDictTerms } from './tokenize';

/** One glossary entry: English wordings (first is the preferred gloss) and the corpus's Chinese terms. */
export const GlossaryEntrySchema = z.object({
  en: z.array(z.string().min(1)).min(1),
  zh: z.array(z.string().min(1)).min(1),
});
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;

const GLOSSARY_PATH = new URL('./glossary.json', import.meta.url);

/** The bilingual glossary (src/retrieval/glossary.json), validated once on first use. */
let glossary: GlossaryEntry[] | undefined;
export function getGlossary(): GlossaryEntry[] {
  glossary ??= z.array(GlossaryEntrySchema).parse(JSON.parse(readFileSync(GLOSSARY_PATH, 'utf8')));
  return glossary;
}

/** English → word sequence used for matching: lowercase, stemmed, punctuation as a separator. */
function enWords(s: string): string[] {
  return (s.normalize('NFKC').toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem);
}

interface PhraseIndex {
  byPhrase: Map<string, GlossaryEntry>;
  maxLen: number;
}
let phraseIndex: PhraseIndex | undefined;
function getPhraseIndex(): PhraseIndex {
  if (!phraseIndex) {
    const byPhrase = new Map<string, GlossaryEntry>();
    let maxLen = 1;
    for (const e of getGlossary()) {
      for (const en of e.en) {
        const words = enWords(en);
        if (!words.length) continue;
        const key = words.join(' ');
        // First entry wins: more specific entries are listed before generic ones in the data.
        if (!byPhrase.has(key)) byPhrase.set(key, e);
        maxLen = Math.max(maxLen, words.length);
      }
    }
    phraseIndex = { byPhrase, maxLen };
  }
  return phraseIndex;
}

export interface GlossMatch {
  /** The English words as matched in the question (normalised). */
  en: string;
  zh: string[];
}

export interface ExpandedQuery {
  /** The question followed by the Chinese terms of the English phrases it contains. */
  text: string;
  /** The matched phrases, in question order. */
  terms: GlossMatch[];
  /** Only the added Chinese terms (deduplicated), so the retriever can weight them lower. */
  added: string[];
}

/**
 * Adds the Chinese terms for English words and phrases found in the question, longest match first
 * (so "reverse enclave" gives 反向飞地, not 飞地 + nothing). Chinese questions pass through unchanged.
 */
export function expandQuery(q: string): ExpandedQuery {
  const words = enWords(q);
  const { byPhrase, maxLen } = getPhraseIndex();
  const terms: GlossMatch[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(maxLen, words.length - i); n >= 1; n--) {
      const key = words.slice(i, i + n).join(' ');
      const e = byPhrase.get(key);
      if (e) {
        terms.push({ en: key, zh: e.zh });
        matched = n;
        break;
      }
    }
    i += matched || 1;
  }
  const added = [...new Set(terms.flatMap((t) => t.zh))];
  return { text: added.length ? `${q} ${added.join(' ')}` : q, terms, added };
}

const SYNONYMS_PATH = new URL('./synonyms.json', import.meta.url);
let synonyms: string[][] | undefined;
/** Groups of Chinese wordings for one idea, everyday first then the papers' terms (src/retrieval/synonyms.json). */
export function getSynonyms(): string[][] {
  synonyms ??= z.array(z.array(z.string().min(2)).min(2)).parse(JSON.parse(readFileSync(SYNONYMS_PATH, 'utf8')));
  return synonyms;
}

/**
 * The papers' wordings for everyday Chinese in the question (看病 → 医疗, 省里 → 省财政, 穷村 →
 * 集体经济薄弱村): paraphrased questions share few words with the formal text. Terms the question
 * already contains are not returned.
 */
export function expandSynonyms(q: string): string[] {
  const text = q.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  const out = new Set<string>();
  for (const group of getSynonyms()) {
    if (!group.some((t) => text.includes(t))) continue;
    for (const t of group) if (!text.includes(t)) out.add(t);
  }
  return [...out];
}

export interface ZhGloss {
  zh: string;
  en: string;
}

/**
 * English glosses for the glossary's key Chinese terms that occur in `text`, longest first and
 * without overlaps (反向飞地 is glossed as "reverse enclave", not also as "enclave"). For English
 * answers. Key terms are the domain terms of the user dictionary and terms of 4+ characters; with
 * `all`, everyday words of the glossary (设立, 推动, …) are glossed too.
 */
export function glossChinese(text: string, opts: { all?: boolean } = {}): ZhGloss[] {
  const pairs: ZhGloss[] = [];
  const seen = new Set<string>();
  const domain = new Set(userDictTerms());
  for (const e of getGlossary()) {
    for (const zh of e.zh) {
      if (!opts.all && !domain.has(zh) && zh.length < 4) continue;
      if (!seen.has(zh)) {
        seen.add(zh);
        pairs.push({ zh, en: e.en[0] });
      }
    }
  }
  pairs.sort((a, b) => b.zh.length - a.zh.length);
  const taken = new Array<boolean>(text.length).fill(false);
  const found: { at: number; g: ZhGloss }[] = [];
  for (const p of pairs) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(p.zh, from);
      if (at < 0) break;
      from = at + 1;
      let free = true;
      for (let k = at; k < at + p.zh.length; k++) if (taken[k]) free = false;
      if (!free) continue;
      for (let k = at; k < at + p.zh.length; k++) taken[k] = true;
      if (!found.some((f) => f.g.zh === p.zh)) found.push({ at, g: p });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.g);
}
