/**
 * The list shape: a question asking for the kinds, ways or measures of something is answered with
 * an enumeration of the document tree — its lead and every item (the item's head and first
 * sentence), numbered, each cited. A sentence answer that quotes a list's lead (…以下四个方面：)
 * gets that list's items too, so no answer ends on a colon.
 */
import type { CorpusDocument } from '../../corpus/schema';
import { facetFit, isFacetWord, isEnglishFacetWord, listFacets, questionFacets } from '../../knowledge/facets';
import { asksAboutPaper, speaksOfPaper } from '../../knowledge/paper-self';
import { listChoiceParams } from './list-params';
import { introOf, treeOf, type DocTree, type EnumerationItem, type EnumerationNode, type Span } from '../../knowledge/tree';
import type { Hit } from '../../retrieval/types';
import { countsKinds, type Candidate } from '../select';
import { matchText } from '../stats';
import { coverage, type Concept } from '../terms';

export interface ListChoice {
  enumeration: EnumerationNode;
  doc: CorpusDocument;
  section: string;
  /** For a list of sub-headings: the last sentence of the text between the heading and its first item. */
  intro?: Span;
  /** Share of the question's concepts the list's section, lead and item heads hold. */
  coverage: number;
}

/** The enumeration a hit stands for, or those overlapping a passage hit. */
function enumerationsOf(hit: Hit, docs: Map<string, CorpusDocument>): { e: EnumerationNode; doc: CorpusDocument; section: string; headings: string[] }[] {
  const doc = docs.get(hit.chunk.docId);
  if (!doc) return [];
  const tree = treeOf(doc);
  // A list is read under its paper's title and every heading above it (TOC enhance): 构建机制 in the
  // 山海协作 paper is a list about 山海协作 though its own lines never say so.
  const sectionOf = (e: EnumerationNode) => tree.sections.find((s) => s.id === e.sectionId);
  const name = (e: EnumerationNode) => sectionOf(e)?.name ?? '';
  const headings = (e: EnumerationNode) => [doc.title, ...(sectionOf(e)?.path ?? [])];
  if ((hit.chunk as { kind?: string }).kind === 'enumeration') {
    const e = tree.enumerations.find((x) => x.id === hit.chunk.id);
    return e ? [{ e, doc, section: name(e), headings: headings(e) }] : [];
  }
  // A passage holding a list's lead stands for that list, and a passage inside the items of a list of
  // sub-headings for that list: which one the question asks for, coverage decides.
  return tree.enumerations
    .filter((e) => (e.lead.start >= hit.chunk.start && e.lead.end <= hit.chunk.end) || (e.kind === 'headings' && e.start <= hit.chunk.start && hit.chunk.end <= e.end))
    .map((e) => ({ e, doc, section: name(e), headings: headings(e) }));
}

export function listText(e: EnumerationNode, section: string, intro = ''): string {
  return matchText([section, intro, e.lead.text, ...e.items.map((it) => it.head.text)].join('\n'));
}

/** A facet word (短板, achieved) stands for its facet: matched by the mark a list of the asked facet carries. */
const FACET_MARK = '\u0001facet\u0001';
// The word itself in the list is better evidence than a list of its facet: FACET_LITERAL of its weight.
const FACET_LITERAL = 0.25;
const asFacet = (c: Concept): Concept[] =>
  c.alts.some((a) => isFacetWord(a) || isEnglishFacetWord(a)) ? [{ ...c, weight: c.weight * FACET_LITERAL }, { ...c, weight: c.weight * (1 - FACET_LITERAL), alts: [...c.alts, FACET_MARK] }] : [c];

/** Announced counts in the question (哪两种 / 四个方面 / three kinds): a list of that length fits best. */
export function askedCount(question: string): number | undefined {
  const m = /(?:哪|有|这)?([两二三四五六七八九十])(?:种|类|个|项|大|条|点|方面)|\b(two|three|four|five|six|seven)\b/i.exec(question);
  if (!m) return undefined;
  const zh = '一二三四五六七八九十';
  if (m[1]) return m[1] === '两' ? 2 : zh.indexOf(m[1]) + 1;
  return ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'].indexOf(m[2]!.toLowerCase());
}

/**
 * The list among the hits that best fits the question, if its coverage reaches `min`. A list is
 * read with its section, its intro, its lead and item heads, and what the question bank says of it
 * (`described`: its keywords and questions), so a paraphrased question still recognises its list.
 */
export function chooseList(
  question: string,
  hits: Hit[],
  docs: CorpusDocument[],
  concepts: Concept[],
  min: number,
  depth = 5,
  described: (unitId: string) => string = () => '',
  facetWeight = listChoiceParams().facetWeight,
  ownConcepts?: Concept[],
  excluded: Concept[] = [],
): ListChoice | undefined {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const count = askedCount(question);
  const asked = questionFacets(question);
  // A list of what the paper itself contributes (本文的创新点主要体现在以下几个方面) answers only a question about the paper.
  const aboutPaper = asksAboutPaper(question);
  // 哪几种类型的飞地, what kinds of enclaves: a list whose items are each a kind of the noun asked (消薄飞地, 科创飞地).
  const kinds = ASKS_KINDS.test(question);
  const kindWords = kinds ? kindNouns(concepts, question) : [];
  let best: (ListChoice & { score: number; fit: number }) | undefined;
  // (a hit under a heading about what is set aside takes no place among the hits read: the lists it stands for are not the ones asked)
  const setAside = (hit: Hit) => excluded.some((c) => c.alts.some((a) => a.length >= 2 && matchText(hit.chunk.section ?? '').includes(a)));
  (excluded.length ? hits.filter((h) => !setAside(h)) : hits).slice(0, depth).forEach((hit, rank) => {
    for (const { e, doc, section, headings } of withNested(enumerationsOf(hit, byId), kinds)) {
      // 在提出“反向飞地”路径之前…哪几类 / other than reverse enclaves: a list under a heading about what is set aside is not the one asked
      if (excluded.length && excluded.some((c) => c.alts.some((a) => a.length >= 2 && matchText(headings.slice(1).join('\n')).includes(a)))) continue;
      const tree = treeOf(doc);
      const intro = introOf(tree, e);
      if (!aboutPaper && speaksOfPaper(`${intro.last?.text ?? ''}\n${e.lead.text}`)) continue;
      const fitOf = (x: EnumerationNode, heading: string) =>
        facetFit(asked, listFacets({ heading, lead: x.lead.text, intro: introOf(tree, x).last?.text, itemHeads: x.items.map((it) => it.head.text) }));
      const fit = fitOf(e, headings.at(-1) ?? '');
      // A facet word of the question (短板) is covered by a list of that facet, whatever word it uses (挑战).
      const own = (x: EnumerationNode, path: string) => coverage(fit > 0 ? concepts.flatMap(asFacet) : concepts, `${listText(x, path, introOf(tree, x).text)}\n${matchText(described(x.id))}\n${FACET_MARK}`);
      // A list nested under an item of another (（二）…难点 under 二、…基础与难点) that fits the asked
      // facet better than its parent is what the question asks of the parent: it covers what the
      // parent covers.
      const parent = tree.enumerations.find((p) => p !== e && p.items.some((it) => it.head.start === e.lead.start));
      const parentFit = parent ? fitOf(parent, headings.at(-2) ?? '') : 0;
      const cov = Math.max(own(e, headings.join('\n')), parent && fit > parentFit ? own(parent, headings.slice(0, -1).join('\n')) : 0);
      // Coverage decides, the facet fit (a list of problems for a question on 短板) next; earlier hits
      // and a matching announced count break near-ties. A count the question announces (哪两类) that
      // the list does not have rules most of it out.
      const score = cov + facetWeight * fit - 0.01 * rank + (count ? (count === e.items.length ? 0.1 : -0.3) : 0) + (kinds ? KIND_WEIGHT * kindShare(e, kindWords) : 0);
      if (!best || score > best.score) best = { enumeration: e, doc, section, intro: intro.last, coverage: cov, score, fit };
    }
  });
  // A list of the asked facet counts as covering the question that much more: 卡在哪 is about 难点.
  if (!best || best.coverage + facetWeight * Math.max(0, best.fit) < min) return undefined;
  // 那几类节点都是啥: when the prose names the kinds itself (设立“起始飞地 - 中继飞地 - 终端飞地”三类节点) and
  // most items of the best list are not kinds of the noun, the sentences answer, not a list of something else.
  if (kinds && kindShare(best.enumeration, kindWords) < KIND_LIST_SHARE && hits.slice(0, depth).some((h) => countsKinds(matchText(h.chunk.text), kindWords))) return undefined;
  return namedItemList(best, ownConcepts?.length ? ownConcepts : concepts) ?? facetItemList(best, asked) ?? best;
}

export const ASKS_KINDS = /哪(?:几|些|[两二三四五六七八九十])?(?:种|类)|几(?:种|类)|(?<![第\d])[两二三四五六七八九十](?:种|类)(?=[\u4e00-\u9fff]{2}(?:分别|各|都|是|有))|类型|种类|类别|\b(?:kinds?|types?|categories|sorts?) of\b|\bwhat (?:kinds|types|categories)\b|\b(?:what|which) (?:are )?(?:the )?[a-z-]+ (?:types|kinds|categories)\b/i;
/** Below this share of items naming a kind of the asked noun, a list is not the list of its kinds. */
const KIND_LIST_SHARE = 0.5;
/** What a list of kinds of the asked noun adds to its score, per share of its items. */
const KIND_WEIGHT = 0.15;

/**
 * The share of a list's items whose head names a kind of one of the question's nouns: a longer word
 * ending in it (消薄飞地, 生态补偿飞地 for 飞地; terminal enclave's 终端飞地).
 */
function kindShare(e: EnumerationNode, nouns: string[]): number {
  if (!nouns.length) return 0;
  // One pattern for all the nouns (alternatives of Chinese characters only: nothing to escape).
  const kindOf = new RegExp(`[\u4e00-\u9fff](?:${nouns.join('|')})`);
  // ((一) “飞地接力”模式的内涵: the item's ordinal is not a character of a longer word)
  return e.items.filter((it) => kindOf.test(matchText(it.head.text).replace(/^(?:第|其)?[一二三四五六七八九十\d]+(?:是)?/, ''))).length / e.items.length;
}

/**
 * The nouns whose kinds are asked: the concept said right after the kind word (几类节点 → 节点) when
 * there is one, else every noun; each as the word itself (its loose synonyms — 就业 for 人才, 接力 of
 * 飞地接力 — would make heads about something else "kinds" of it).
 */
export function kindNouns(concepts: Concept[], question = ''): string[] {
  const nouns = concepts.filter((c) => c.kind !== 'num' && c.role !== 'other');
  // (哪几类人才, or the noun before the kind word: 人才分哪几类, 节点有几种)
  const after = nouns.filter((c) => question.includes(`类${c.label}`) || question.includes(`种${c.label}`) || question.includes(`类的${c.label}`) || new RegExp(`${c.label}(?:分|有|可分为|分为|包括)?(?:哪几|哪些|几)(?:类|种)`).test(question));
  return (after.length ? after : nouns).map((c) => matchText(c.label)).filter((a) => /^[\u4e00-\u9fff]{2,}$/.test(a));
}

/** The lists of a document nested inside one item of another list (its lead and end within the item). */
function listsInside(tree: DocTree, item: EnumerationItem): EnumerationNode[] {
  return tree.enumerations.filter((x) => x.lead.start >= item.start && x.end <= item.end);
}

/**
 * For a question on kinds, the lists nested in the items of each list found, beside it: the three
 * kinds of enclaves (消薄飞地, 生态补偿飞地, 科创飞地) are a list inside one item ((二)多层次发展三大特色
 * "飞地经济"模式) of a list of directions, and only the outer list's passage is retrieved.
 */
function withNested(found: ReturnType<typeof enumerationsOf>, kinds: boolean): ReturnType<typeof enumerationsOf> {
  if (!kinds) return found;
  const out = [...found];
  for (const f of found) {
    const tree = treeOf(f.doc);
    for (const x of f.e.items.flatMap((it) => listsInside(tree, it))) {
      if (x === f.e || out.some((o) => o.e === x)) continue;
      const sec = tree.sections.find((s) => s.id === x.sectionId);
      out.push({ e: x, doc: f.doc, section: sec?.name ?? f.section, headings: [f.doc.title, ...(sec?.path ?? [])] });
    }
  }
  return out;
}

/** How much more of the question one item's head must hold than any other item's to be the item asked of. */
const NAMED_ITEM_MARGIN = 0.2;
const NAMED_ITEM_MIN = 0.35;

/**
 * The list inside the item a question names: 在提高基础设施畅联水平方面提出了哪几项举措 or "the
 * measures for sharing the gains" name one item of a list of sub-headings ((五)提高基础设施畅联水平…,
 * (四)…利益分配机制), and what is asked is that item's own list (一是…二是…三是…), not the
 * headings beside it. The item is named when its head holds clearly more of the question than any
 * other item's head.
 */
function namedItemList(choice: ListChoice, concepts: Concept[]): ListChoice | undefined {
  const e = choice.enumeration;
  if (e.items.length < 2) return undefined;
  const held = e.items.map((it) => coverage(concepts, matchText(it.head.text)));
  const order = held.map((_, i) => i).sort((a, b) => held[b]! - held[a]!);
  const [top, next] = [held[order[0]!]!, held[order[1]!]!];
  if (top < NAMED_ITEM_MIN || top - next < NAMED_ITEM_MARGIN) return undefined;
  return innerListChoice(choice, e.items[order[0]!]!);
}

/** The first list of two or more items inside one item of the chosen list, as the choice in its place. */
function innerListChoice(choice: ListChoice, item: EnumerationItem): ListChoice | undefined {
  const tree = treeOf(choice.doc);
  const inner = listsInside(tree, item)
    .filter((x) => x !== choice.enumeration && x.items.length >= 2)
    .sort((a, b) => a.start - b.start)[0];
  if (!inner) return undefined;
  const section = tree.sections.find((s) => s.id === inner.sectionId)?.name ?? choice.section;
  return { enumeration: inner, doc: choice.doc, section, intro: introOf(tree, inner).last, coverage: choice.coverage };
}

/**
 * The list inside the one item of the asked facet: "what are the sticking points" answered by 二、…基础与难点
 * is asked of its item （二）…难点, whose own list (利益机制尚未完善, 基础设施建设落后, 科研投入不足) is the answer.
 * Only when exactly one item's head is of the asked facet.
 */
function facetItemList(choice: ListChoice, asked: ReturnType<typeof questionFacets>): ListChoice | undefined {
  if (!asked.size) return undefined;
  const e = choice.enumeration;
  const fits = e.items.map((it) => facetFit(asked, listFacets({ heading: '', lead: it.head.text, itemHeads: [] })));
  const of = fits.map((f, i) => (f > 0 ? i : -1)).filter((i) => i >= 0);
  if (of.length !== 1 || e.items.length < 2) return undefined;
  return innerListChoice(choice, e.items[of[0]!]!);
}

/** A span of the tree as a citable candidate. */
function candidateOf(span: Span, doc: CorpusDocument, section: string, score: number): Candidate {
  // Spans given here lie within one line of the document, so the text is its verbatim slice.
  const text = span.text;
  return {
    text,
    norm: matchText(text),
    docId: doc.id,
    source: doc.source,
    title: doc.title,
    section,
    offset: span.start,
    end: span.end,
    context: '',
    paragraph: '',
    hitRank: 0,
    coverage: 1,
    score,
  };
}

export interface ListItemCandidate {
  /** The item's head in the answer's numbered line (a heading's own text, or 一是… up to its first stop). */
  head: string;
  /** What is quoted and cited: the head's sentence, and the sentence after it when the head is a bare label. */
  quote: Candidate;
}

/** The lead and the items of a list as citable candidates; every quote is a verbatim slice of the document. */
/** The span that leads a list: for a list of sub-headings, the sentence that introduces it when there is one, not its heading. */
export function listLead(choice: ListChoice): Span {
  const lead = choice.enumeration.kind === 'headings' && choice.intro ? choice.intro : choice.enumeration.lead;
  // (…其有效运转依赖于节点划分、要素流动与制度治理三方面的系统支撑。这一机制并非…  第一，…: the sentence that counts the
  // items, a sentence or two before the one right above them, leads with it — it names what the items are)
  const from = announcingBefore(choice.doc.raw, lead, choice.enumeration.items.length);
  return from === undefined ? lead : { text: choice.doc.raw.slice(from, lead.end), start: from, end: lead.end };
}

/** A count of parts (三方面, 四个维度) in a sentence, as a number. */
const COUNTS_PARTS = /([两二三四五六七八九十])(?:个|大)?(?:方面|维度|环节|层面|部分|支柱|要素)/;
/** How many sentences before a list's lead one counting its items is looked for. */
const ANNOUNCE_LOOKBACK = 2;

/**
 * The start of a sentence of the lead's paragraph, at most ANNOUNCE_LOOKBACK sentences before it, that counts as many
 * parts as the list has items — when the lead itself counts none.
 */
function announcingBefore(raw: string, lead: Span, items: number): number | undefined {
  const countIn = (text: string) => {
    const m = COUNTS_PARTS.exec(text);
    return m ? (m[1] === '两' ? 2 : '一二三四五六七八九十'.indexOf(m[1]!) + 1) : undefined;
  };
  if (countIn(lead.text) !== undefined) return undefined;
  const lineStart = raw.lastIndexOf('\n', lead.start - 1) + 1;
  let end = lead.start;
  for (let k = 0; k < ANNOUNCE_LOOKBACK && end > lineStart; k++) {
    const before = raw.slice(lineStart, end).replace(/\s+$/, '');
    const prev = before.slice(0, -1).search(/[^。！？]*$/);
    const start = lineStart + Math.max(0, prev);
    const sentence = raw.slice(start, end);
    if (countIn(sentence) === items) return start;
    end = start;
  }
  return undefined;
}

export function listCandidates(choice: ListChoice): { lead: Candidate; items: ListItemCandidate[] } {
  const { enumeration: e, doc, section } = choice;
  const lead = candidateOf(listLead(choice), doc, section, 1);
  const items = e.items.map((it) => {
    // A heading item: the heading names the item; its first sentence says what it is.
    const sentence = it.first.text.split('\n').pop()!;
    const quoted: Span = { text: sentence, start: it.first.end - sentence.length, end: it.first.end };
    return { head: it.head.text, quote: candidateOf(quoted, doc, section, 1) };
  });
  return { lead, items };
}

/** A sentence announcing the list that follows (…细分为以下两个典型模式。). */
const ANNOUNCES = /(?:以下|如下|下列)[^。；]{0,12}(?:[两二三四五六七八九十几]|若干)[个种类项大条点]?[^。；]{0,10}[。：:]?$/;

/** The list whose lead is this sentence (it ends on a colon and announces items), if the tree has one. */
export function listLedBy(sentence: Candidate, docs: CorpusDocument[]): ListChoice | undefined {
  if (!/[：:]$/.test(sentence.text.trim()) && !ANNOUNCES.test(sentence.text)) return undefined;
  const doc = docs.find((d) => d.id === sentence.docId);
  if (!doc) return undefined;
  const tree = treeOf(doc);
  const e = tree.enumerations.find((x) => x.lead.start >= sentence.offset && x.lead.end <= sentence.end + 1);
  if (!e) return undefined;
  return { enumeration: e, doc, section: tree.sections.find((s) => s.id === e.sectionId)?.name ?? sentence.section, coverage: 1 };
}
