/**
 * The document tree of the knowledge layer: sections › paragraphs › sentences, and the
 * enumerations a paper states (a lead such as 其关键特征可从以下四个方面加以概括： with its items 一是…
 * 二是…, 第一，… 第二，…, or numbered sub-headings under one heading). Built once per document from the
 * cleaned text; every node carries offsets into `doc.raw`, so everything quoted from it is verbatim.
 */
import { createHash } from 'node:crypto';
import type { CorpusDocument } from '../corpus/schema';
import { sectionsOf, SECTION_SEPARATOR } from '../corpus/sections';
import { splitSentences } from '../corpus/sentences';

/** Bump when node boundaries or ids can change: the question bank and the index key on it. */
export const TREE_VERSION = 1;

/** Reference lists are not knowledge; their items would pollute every list question. */
const SKIPPED_SECTIONS = new Set(['参考文献', 'References']);

export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface SentenceNode extends Span {}

export interface ParagraphNode extends Span {
  sentences: SentenceNode[];
}

export interface SectionNode {
  id: string;
  /** Heading texts from `##` down; [] for text before the first heading. */
  path: string[];
  name: string;
  heading: string;
  level: number;
  headingStart: number;
  /** Content range: after the heading line up to the next heading. */
  start: number;
  end: number;
  paragraphs: ParagraphNode[];
  /** Ids of the direct sub-sections. */
  children: string[];
}

export interface EnumerationItem {
  /** The item's head: its marker and first clause (一是跨国协同性。 / a sub-heading). */
  head: Span;
  /** The head plus the sentence after it when the head is short: what a list answer quotes. */
  first: Span;
  /** The whole item, up to the next item or the end of the enumeration. */
  start: number;
  end: number;
}

export type EnumerationKind = 'inline' | 'paragraphs' | 'headings';

export interface EnumerationNode {
  id: string;
  kind: EnumerationKind;
  sectionId: string;
  /** The sentence that announces the list (or the heading above numbered sub-headings). */
  lead: Span;
  /** The count the lead announces (以下四个方面 → 4), when it names one. */
  announced?: number;
  items: EnumerationItem[];
  start: number;
  end: number;
}

export interface DocTree {
  docId: string;
  sections: SectionNode[];
  enumerations: EnumerationNode[];
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

const CN_DIGITS = '一二三四五六七八九十';

/** Marker families: each gives the ordinal of an item start (1-based) or 0. Order matters only for speed. */
const FAMILIES: { name: string; re: RegExp; ordinal: (m: RegExpExecArray) => number }[] = [
  { name: 'shi', re: /([一二三四五六七八九十])是/y, ordinal: (m) => CN_DIGITS.indexOf(m[1]) + 1 },
  { name: 'di', re: /第([一二三四五六七八九十])[，,、：:]/y, ordinal: (m) => CN_DIGITS.indexOf(m[1]) + 1 },
  { name: 'qi', re: /其([一二三四五六七八九十])[，,、：:]/y, ordinal: (m) => CN_DIGITS.indexOf(m[1]) + 1 },
  { name: 'paren', re: /[（(]([一二三四五六七八九十])[）)]/y, ordinal: (m) => CN_DIGITS.indexOf(m[1]) + 1 },
  { name: 'circled', re: /([①②③④⑤⑥⑦⑧⑨⑩])/y, ordinal: (m) => '①②③④⑤⑥⑦⑧⑨⑩'.indexOf(m[1]) + 1 },
  { name: 'arabic', re: /[（(]?([1-9])[）).．、](?!\d)/y, ordinal: (m) => Number(m[1]) },
];

interface Marker {
  family: string;
  ordinal: number;
  at: number;
}

/** An item marker at `at` in `text`, if one starts there (at a sentence or clause start). */
function markerAt(text: string, at: number): Marker | undefined {
  for (const f of FAMILIES) {
    f.re.lastIndex = at;
    const m = f.re.exec(text);
    if (m) return { family: f.name, ordinal: f.ordinal(m), at };
  }
  return undefined;
}

const ANNOUNCED = /(?:以下|如下|下列|主要有|包括|分为|有)([一二三四五六七八九十两几\d]+)(?:个|种|类|大|项|条|方面|点)/;

/** In a lead that ends on a colon, a count anywhere (展现出四方面的趋势性特征：) announces the items. */
const ANNOUNCED_BEFORE_COLON = /([两二三四五六七八九十])(?:个|种|类|大|项|条)?(?:方面|维度|特征|模式|类型)[^。；]*[：:]$/;

function announcedCount(lead: string): number | undefined {
  const m = ANNOUNCED.exec(lead) ?? ANNOUNCED_BEFORE_COLON.exec(lead);
  if (!m) return undefined;
  const w = m[1];
  if (/^\d+$/.test(w)) return Number(w);
  if (w === '两') return 2;
  const i = CN_DIGITS.indexOf(w);
  return i >= 0 ? i + 1 : undefined;
}

/** A short head: up to the first sentence end, or a clause mark after 6+ characters when long. */
function headOf(raw: string, start: number, end: number): Span {
  const s = raw.slice(start, end);
  let cut = s.search(/[。；！？]/);
  cut = cut < 0 ? s.length : cut + 1;
  if (cut > 60) {
    const clause = /[，：:]/g;
    let m: RegExpExecArray | null;
    while ((m = clause.exec(s))) {
      if (m.index >= 6 && m.index < 60) {
        cut = m.index;
        break;
      }
    }
  }
  const text = s.slice(0, cut).trimEnd();
  return { text, start, end: start + text.length };
}

/** The head, extended by one more sentence when the head alone is a bare label (一是跨国协同性。). */
function firstOf(raw: string, head: Span, end: number): Span {
  if (head.text.length >= 24 || head.end >= end) return head;
  const rest = splitSentences(raw.slice(head.end, end));
  const next = rest[0];
  if (!next) return head;
  const stop = head.end + next.end;
  return { text: raw.slice(head.start, stop), start: head.start, end: stop };
}

function paragraphsOf(raw: string, start: number, end: number): ParagraphNode[] {
  const out: ParagraphNode[] = [];
  let pos = start;
  while (pos < end) {
    let eol = raw.indexOf('\n', pos);
    if (eol < 0 || eol > end) eol = end;
    const line = raw.slice(pos, eol);
    const lead = line.length - line.trimStart().length;
    const text = line.trim();
    if (text && !text.startsWith('#')) {
      const s = pos + lead;
      const sentences = splitSentences(text).map((x) => ({ text: x.text, start: s + x.start, end: s + x.end }));
      out.push({ text, start: s, end: s + text.length, sentences });
    }
    pos = eol + 1;
  }
  return out;
}

/** Starts of clauses inside a paragraph where an item marker may stand: the paragraph start and after 。；：. */
function clauseStarts(p: ParagraphNode): number[] {
  const starts = [p.start];
  for (const s of p.sentences) starts.push(s.start);
  const rel = p.text;
  for (let i = 0; i < rel.length; i++) if ('：:'.includes(rel[i])) starts.push(p.start + i + 1);
  return [...new Set(starts)].sort((a, b) => a - b);
}

/**
 * Runs of markers of one family numbered 1, 2, 3… in order. `positions` are candidate item starts in
 * document order; a run must start at ordinal 1 and grow by one.
 */
function markerRuns(raw: string, positions: number[]): Marker[][] {
  const found = positions.map((at) => markerAt(raw, at)).filter((m): m is Marker => !!m);
  const runs: Marker[][] = [];
  const open = new Map<string, Marker[]>();
  for (const m of found) {
    const run = open.get(m.family);
    if (m.ordinal === 1) {
      if (run && run.length >= 2) runs.push(run);
      open.set(m.family, [m]);
    } else if (run && run[run.length - 1].ordinal + 1 === m.ordinal) {
      run.push(m);
    }
  }
  for (const run of open.values()) if (run.length >= 2) runs.push(run);
  return runs.sort((a, b) => a[0].at - b[0].at);
}

function sentenceBefore(paragraphs: ParagraphNode[], at: number): Span | undefined {
  let best: Span | undefined;
  for (const p of paragraphs) for (const s of p.sentences) if (s.end <= at) best = s;
  return best;
}

function buildSections(doc: CorpusDocument): SectionNode[] {
  const raw = doc.raw;
  const out: SectionNode[] = [];
  sectionsOf(doc).forEach((sec, i) => {
    if (sec.path.length && SKIPPED_SECTIONS.has(sec.path[0])) return;
    const eol = raw.indexOf('\n', sec.headingStart);
    const headingLine = sec.path.length ? raw.slice(sec.headingStart, eol < 0 ? raw.length : eol) : '';
    const level = sec.path.length ? /^#+/.exec(headingLine)![0].length : 1;
    out.push({
      id: `${doc.id}/s${i}`,
      path: sec.path,
      name: sec.name,
      heading: sec.path[sec.path.length - 1] ?? '',
      level,
      headingStart: sec.headingStart,
      start: sec.start,
      end: sec.end,
      paragraphs: paragraphsOf(raw, sec.start, sec.end),
      children: [],
    });
  });
  for (const s of out) {
    const parent = out.filter((p) => p.path.length === s.path.length - 1 && s.path.length > 0 && p.path.every((h, k) => h === s.path[k])).pop();
    if (parent) parent.children.push(s.id);
  }
  return out;
}

function headingSpan(raw: string, sec: SectionNode): Span {
  const eol = raw.indexOf('\n', sec.headingStart);
  const line = raw.slice(sec.headingStart, eol < 0 ? raw.length : eol);
  const hashes = /^#+\s*/.exec(line)![0].length;
  const text = line.slice(hashes).trimEnd();
  return { text, start: sec.headingStart + hashes, end: sec.headingStart + hashes + text.length };
}

/** The end of a section including its sub-sections. */
function subtreeEnd(sections: SectionNode[], sec: SectionNode): number {
  let end = sec.end;
  for (const s of sections) {
    if (s.path.length > sec.path.length && sec.path.every((h, k) => h === s.path[k])) end = Math.max(end, s.end);
  }
  return end;
}

function headingEnumerations(doc: CorpusDocument, sections: SectionNode[]): EnumerationNode[] {
  const raw = doc.raw;
  const byId = new Map(sections.map((s) => [s.id, s]));
  const out: EnumerationNode[] = [];
  for (const sec of sections) {
    // The paper's top-level outline is not a list anyone asks for; lists start below a `##` heading.
    if (sec.path.length === 0 || sec.children.length < 2) continue;
    const kids = sec.children.map((id) => byId.get(id)!);
    // The intro's last sentence leads the list when it announces it (…以下两个典型模式。 / …如下：).
    const intro = sec.paragraphs.at(-1)?.sentences.at(-1);
    const lead = intro && (/[：:]$/.test(intro.text) || announcedCount(intro.text) !== undefined) ? intro : headingSpan(raw, sec);
    const items = kids.map((k, i): EnumerationItem => {
      const head = headingSpan(raw, k);
      const firstSentence = k.paragraphs[0]?.sentences[0];
      const first = firstSentence ? { text: `${head.text}\n${firstSentence.text}`, start: head.start, end: firstSentence.end } : head;
      const next = kids[i + 1];
      return { head, first, start: head.start, end: next ? next.headingStart : subtreeEnd(sections, k) };
    });
    out.push(enumeration('headings', sec, lead, items));
  }
  return out;
}

/** An enumeration node (its id is given once the document's lists are ordered). */
function enumeration(kind: EnumerationKind, sec: SectionNode, lead: Span, items: EnumerationItem[]): EnumerationNode {
  return {
    id: '',
    kind,
    sectionId: sec.id,
    lead,
    announced: announcedCount(lead.text),
    items,
    start: Math.min(lead.start, items[0]!.start),
    end: items[items.length - 1]!.end,
  };
}

function textEnumerations(doc: CorpusDocument, sections: SectionNode[]): EnumerationNode[] {
  const raw = doc.raw;
  const out: EnumerationNode[] = [];
  for (const sec of sections) {
    const positions = sec.paragraphs.flatMap(clauseStarts);
    for (const run of markerRuns(raw, positions)) {
      const paraOf = (at: number) => sec.paragraphs.find((p) => p.start <= at && at < p.end)!;
      const firstPara = paraOf(run[0].at);
      const lastPara = paraOf(run[run.length - 1].at);
      const sameParagraph = firstPara === lastPara;
      // Numbered paragraphs (1. …) must each open a paragraph; inline ones sit within one.
      const allOpenParagraphs = run.every((m) => paraOf(m.at).start === m.at);
      if (!sameParagraph && !allOpenParagraphs) continue;
      if (run[0].family === 'arabic' && !allOpenParagraphs) continue;
      const kind: EnumerationKind = sameParagraph ? 'inline' : 'paragraphs';
      // The last item ends with its paragraph (items often run on over several sentences).
      const items = run.map((m, i): EnumerationItem => {
        const itemEnd = i + 1 < run.length ? run[i + 1].at : lastPara.end;
        const head = headOf(raw, m.at, itemEnd);
        return { head, first: firstOf(raw, head, itemEnd), start: m.at, end: itemEnd };
      });
      // The lead: the text before the first marker in its sentence (…包括：一是…), else the sentence before.
      const inSentence = firstPara.sentences.find((s) => s.start < run[0].at && run[0].at < s.end);
      let lead: Span | undefined = inSentence
        ? { text: raw.slice(inSentence.start, run[0].at).trimEnd(), start: inSentence.start, end: inSentence.start + raw.slice(inSentence.start, run[0].at).trimEnd().length }
        : sentenceBefore(sec.paragraphs, run[0].at);
      if (!lead || lead.text.length < 2) lead = headingSpan(raw, sec);
      out.push(enumeration(kind, sec, lead, items));
    }
  }
  return out;
}

const cache = new WeakMap<CorpusDocument, DocTree>();

/** The tree of one document (cached per document object). */
export function treeOf(doc: CorpusDocument): DocTree {
  const hit = cache.get(doc);
  if (hit) return hit;
  const sections = buildSections(doc);
  const enumerations = [...headingEnumerations(doc, sections), ...textEnumerations(doc, sections)]
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((e, i) => ({ ...e, id: `${doc.id}/e${i}` }));
  const tree: DocTree = { docId: doc.id, sections, enumerations };
  cache.set(doc, tree);
  return tree;
}

export function sectionName(path: string[]): string {
  return path.join(SECTION_SEPARATOR);
}

/** The verbatim text of an enumeration unit: its lead, then each item's first sentence(s), one a line. */
export function enumerationText(e: EnumerationNode): string {
  return [e.lead.text, ...e.items.map((it) => it.first.text)].join('\n');
}

/**
 * The text a list of sub-headings opens with — the section's paragraphs before its first item
 * (加快出台…重点构建…四重机制，确保…更加精准…), captions aside — and its last sentence. Empty for other lists.
 */
export function introOf(tree: DocTree, e: EnumerationNode): { text: string; last?: Span } {
  if (e.kind !== 'headings') return { text: '' };
  const sec = tree.sections.find((x) => x.id === e.sectionId);
  // Figure and table captions (图1 …) are furniture, not the list's lead-in.
  const paragraphs = sec?.paragraphs.filter((p) => p.end <= e.items[0]!.start && !/^[图表]\s*\d/.test(p.text)) ?? [];
  // (…见图3。 closing the intro points at a figure: the sentence before it leads the list)
  const sentences = paragraphs.at(-1)?.sentences.filter((x) => !/^(?:详)?见[图表]\s*\d+[。.]?$/.test(x.text.trim())) ?? [];
  return { text: paragraphs.map((p) => p.text).join('\n'), last: sentences.at(-1) };
}
