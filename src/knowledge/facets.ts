/**
 * Facets: what a list is a list of (problems, measures, mechanisms, types, features, status,
 * directions), and which of them a question asks for. A question that asks where things get stuck
 * (卡在哪, 短板, what holds it back) wants a list of problems, whatever words the paper uses for
 * them; a list under 对策 or whose items start with 构建/推动/加强 is a list of measures. Read from
 * `data/facets.json`: facts of language, not of any one question.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const FacetSchema = z.object({
  ask_zh: z.array(z.string().min(1)),
  ask_en: z.array(z.string().min(1)),
  list: z.array(z.string().min(1)),
  item_verbs: z.array(z.string().min(1)).optional(),
});
const FacetsFileSchema = z.object({ _comment: z.string().optional(), facets: z.record(z.string(), FacetSchema) });

export type Facet = string;
type FacetEntry = z.infer<typeof FacetSchema> & { en: RegExp };

let table: Map<Facet, FacetEntry> | undefined;
function facets(): Map<Facet, FacetEntry> {
  if (!table) {
    const path = fileURLToPath(new URL('./data/facets.json', import.meta.url));
    const data = FacetsFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    table = new Map(
      Object.entries(data.facets).map(([name, f]) => [name, { ...f, en: new RegExp(`\\b(?:${f.ask_en.map(escape).join('|')})`, 'i') }]),
    );
  }
  return table;
}

/** What follows a word that asks for several things (哪些问题, 有啥挑战, which hurdles): the asked noun. */
const ASKED_ZH = /(?:哪些|哪几|哪[两二三四五六七八九十]|什么|啥|几[个种类条项点大套味])(.{0,8})/g;
const ASKED_EN = /(?:which|what)\s+(?!(?:does|do|did|is|are|was|were|has|have|had|can|could|should|would|will)\b)((?:\S+\s+){0,3}\S+)/gi;

function facetsIn(text: string): Set<Facet> {
  const out = new Set<Facet>();
  for (const [name, f] of facets()) {
    if (f.ask_zh.some((w) => text.includes(w)) || f.en.test(text)) out.add(name);
  }
  return out;
}

/**
 * The facets a question asks for (a normalised, Simplified question): those named right after its
 * asking word (…的模式，出现了哪些问题 asks for problems, not types), else any it names.
 */
export function questionFacets(question: string): Set<Facet> {
  // A facet word that asks by itself (靠什么, 怎么办) counts wherever it stands.
  const asking = [...question.matchAll(/[^，。？！,?!\s]{0,4}(?:什么|啥|怎么|如何)[^，。？！,?!\s]{0,2}/g)].map((m) => m[0]);
  // (the asking word's own counter counts: 哪几种做法 asks for kinds as well as ways)
  const asked = [...question.matchAll(ASKED_ZH)].map((m) => m[0]).concat([...question.matchAll(ASKED_EN)].map((m) => m[1] ?? ''), asking).join('\n');
  const near = facetsIn(asked);
  return near.size ? near : facetsIn(question);
}

/** Whether a word is one of the facet words a question may use (药方, 短板): a way of asking, not a name. */
export function isFacetWord(word: string): boolean {
  for (const f of facets().values()) if (f.ask_zh.includes(word) || f.list.includes(word)) return true;
  return false;
}

/** Whether an English word asks for a facet (achieved, problems, measures): its stem starts one of the facets' English askings. */
export function isEnglishFacetWord(word: string): boolean {
  if (!/^[a-z]{4,}$/.test(word)) return false;
  for (const f of facets().values()) if (f.ask_en.some((a) => !a.includes(' ') && (word.startsWith(a) || (a.length >= 5 && a.startsWith(word))))) return true;
  return false;
}

/** The verbs a measure opens with (构建, 建立, 推动…), from the measures facet: 强化…合作，根据…统筹安排 is a step to take. */
export function measureVerbs(): string[] {
  return facets().get('measures')?.item_verbs ?? [];
}

/** Item markers before an item's first word: （一）, 1., ①, 一是, 第一, 其一. */
const ITEM_MARKER = /^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\s*|[①-⑩]|[一二三四五六七八九十]+[、是]|第[一二三四五六七八九十]+[，、是]?|其[一二三四五六七八九十][，、]?)\s*/;

/**
 * The facets of a list, each with its weight: 1 for a facet its own heading, lead or intro names, 0.5
 * for measures when most item heads start with an action verb (构建…, 推动…).
 */
export function listFacets(list: { heading: string; lead: string; intro?: string; itemHeads: string[] }): Map<Facet, number> {
  const out = new Map<Facet, number>();
  // The lead (and intro) says what the list is; the heading above only when they do not (an inline
  // list of 挑战 under a heading 深化思路 is a list of problems).
  const lead = `${list.lead}\n${list.intro ?? ''}`;
  const named = [...facets()].filter(([, f]) => f.list.some((w) => lead.includes(w)));
  const own = named.length ? lead : `${list.heading}\n${lead}`;
  for (const [name, f] of facets()) {
    if (f.list.some((w) => own.includes(w))) out.set(name, 1);
    else if (f.item_verbs && list.itemHeads.length) {
      const verbal = list.itemHeads.filter((h) => f.item_verbs!.some((v) => h.replace(ITEM_MARKER, '').startsWith(v))).length;
      if (verbal * 2 >= list.itemHeads.length) out.set(name, 0.5);
    }
  }
  return out;
}

/**
 * How well a list's facets fit the question's: 0 when either has none; −1 when they share none (a
 * list of problems for a question asking measures); otherwise the share of the list's facet weight the
 * question asks for (a list of 基础与难点 fits a question on 难点 half as well as a list of 难点).
 */
export function facetFit(asked: Set<Facet>, list: Map<Facet, number>): number {
  if (!asked.size || !list.size) return 0;
  let total = 0;
  let shared = 0;
  for (const [name, w] of list) {
    total += w;
    if (asked.has(name)) shared += w;
  }
  return shared === 0 ? -1 : shared / total;
}
