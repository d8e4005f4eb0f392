/**
 * Turns a parser's lines into a cleaned document — title, headings, paragraphs — with the importer's
 * rules (src/corpus/clean.ts): page numbers and running headers dropped, lines broken by the layout
 * joined, headings kept (found from the file's own styles, or from the numbering Chinese policy
 * documents use: 第一章, 一、, （一）, 1.). Pure.
 */
import { endsWrappedParagraph, isPageNumberLine, joinLines, lineWidth, runningFurniture, SENTENCE_END_ANY } from '../corpus/clean';
import type { Extracted, SourceLine } from './extract';

export type Block = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; text: string };

export interface CleanDocument {
  /** From the file (its title heading, metadata or first line); undefined when it has none. */
  title?: string;
  blocks: Block[];
  /** Every line's text after furniture is dropped, title included: the basis of the content hash. */
  text: string;
}

const CN_NUM = '[一二三四五六七八九十百零〇]+';

/** Numbered headings in the order of their rank: a part above a chapter above 一、 above （一）… */
export const HEADING_PATTERNS: RegExp[] = [
  new RegExp(`^第${CN_NUM}编`),
  new RegExp(`^第(?:${CN_NUM}|\\d+)章`),
  new RegExp(`^第(?:${CN_NUM}|\\d+)节`),
  new RegExp(`^${CN_NUM}、`),
  new RegExp(`^[（(]${CN_NUM}[）)]`),
  /^\d{1,2}[.、．](?!\d)\s*\S/,
  /^[（(]\d{1,2}[）)]/,
  /^(?:chapter|part|section)\s+\d+/i,
];

/** The widest a heading line is (about 30 Chinese characters). */
const MAX_HEADING_WIDTH = 60;
/** A heading line does not end like a sentence or a clause. */
const NOT_HEADING_END = /[。；，、,;！？!?]$/;

function headingRank(text: string): number | undefined {
  if (lineWidth(text) > MAX_HEADING_WIDTH || NOT_HEADING_END.test(text)) return undefined;
  const i = HEADING_PATTERNS.findIndex((re) => re.test(text));
  return i < 0 ? undefined : i;
}

const CJK_OR_PUNCT = '[\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef“”‘’]';
// …except after an article or chapter number (第一条 为…, 第二章 总则), where the space is the layout's own.
const SPACE_BETWEEN_CJK = new RegExp(`(?<=${CJK_OR_PUNCT})(?<!第[一二三四五六七八九十百零〇\\d]+[编章节条款])\\s+(?=${CJK_OR_PUNCT})`, 'g');

/** Spaces PDF extraction puts between Chinese characters go; runs of spaces become one; no line starts with `#`. */
export function cleanInline(s: string): string {
  return s.replace(/\s+/g, ' ').replace(SPACE_BETWEEN_CJK, '').replace(/^#+\s*/, '').trim();
}

/** Drops page numbers and (with 3+ pages) running headers and footers; returns the remaining lines in order. */
function dropFurniture(pages: SourceLine[][]): (SourceLine & { furniture?: boolean })[] {
  const furniture = pages.length >= 3 ? runningFurniture(pages.map((p) => p.map((l) => l.text))) : new Set<string>();
  const out: (SourceLine & { furniture?: boolean })[] = [];
  for (const [p, page] of pages.entries()) {
    for (const [i, l] of page.entries()) {
      const text = cleanInline(l.text);
      // The document's very first line stays even when it recurs as a running header: it is the title then.
      const header = l.heading === undefined && furniture.has(l.text.trim()) && !(p === 0 && i === 0);
      if (!text || isPageNumberLine(text) || header) continue;
      out.push({ ...l, text, ...(p === 0 && i === 0 && furniture.has(l.text.trim()) ? { furniture: true } : {}) });
    }
  }
  return out;
}

/** Plain text either is a wrapped column (most lines stop mid-sentence) or has one paragraph per line. */
function isWrapped(lines: SourceLine[]): boolean {
  let inner = 0;
  let open = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i + 1].breakBefore || headingRank(lines[i].text) !== undefined) continue;
    inner++;
    if (!SENTENCE_END_ANY.test(lines[i].text)) open++;
  }
  return inner >= 3 && open / inner > 0.3;
}

function takeTitle(all: (SourceLine & { furniture?: boolean })[], metaTitle: string | undefined): { title?: string; rest: SourceLine[] } {
  // A first line that recurs as the running header is the title (Chinese documents repeat it) —
  // unless a title-like line follows it, which makes it only a header.
  const lines = all[0]?.furniture && all[1] && lineWidth(all[1].text) <= 100 && !SENTENCE_END_ANY.test(all[1].text) && headingRank(all[1].text) === undefined ? all.slice(1) : all;
  const first = lines[0];
  if (!first) return { title: metaTitle, rest: lines };
  if (first.heading === 1) return { title: first.text, rest: lines.slice(1) };
  // A first line that reads like a title: short, not a sentence, not a numbered heading.
  const looksLikeTitle = lineWidth(first.text) <= 100 && !SENTENCE_END_ANY.test(first.text) && headingRank(first.text) === undefined && first.heading === undefined;
  if (looksLikeTitle && (lines.length === 1 || lines[1].breakBefore || lines[1].heading !== undefined || headingRank(lines[1].text) !== undefined || lineWidth(first.text) <= 60)) {
    return { title: first.text, rest: lines.slice(1) };
  }
  return { title: metaTitle, rest: lines };
}

export function cleanExtracted(x: Extracted): CleanDocument {
  const all = dropFurniture(x.pages);
  const text = all.map((l) => l.text).join('\n');
  const { title, rest } = takeTitle(all, x.metaTitle);
  const explicit = rest.some((l) => l.heading !== undefined);
  const mode = x.lineMode === 'auto' ? (isWrapped(rest) ? 'layout' : 'lines') : x.lineMode;

  // Levels: the file's own heading levels shifted so the highest is ##; else the numbering ranks
  // present, highest first, from ## down.
  const explicitMin = Math.min(...rest.filter((l) => l.heading !== undefined).map((l) => l.heading!));
  const ranks = explicit ? [] : [...new Set(rest.map((l) => headingRank(l.text)).filter((r): r is number => r !== undefined))].sort((a, b) => a - b);
  const levelOf = (l: SourceLine): number | undefined => {
    if (explicit) return l.heading === undefined ? undefined : Math.min(6, Math.max(2, l.heading - explicitMin + 2));
    const r = headingRank(l.text);
    return r === undefined ? undefined : Math.min(6, 2 + ranks.indexOf(r));
  };

  const blocks: Block[] = [];
  const body = rest.map((l) => ({ line: l, level: levelOf(l) }));
  const widths = body.map((b) => (b.level === undefined ? lineWidth(b.line.text) : 0));
  let cur: string | undefined;
  const flush = () => {
    if (cur !== undefined && cur.trim()) blocks.push({ kind: 'paragraph', text: cur.trim() });
    cur = undefined;
  };
  body.forEach(({ line, level }, i) => {
    if (level !== undefined) {
      flush();
      blocks.push({ kind: 'heading', level, text: line.text });
      return;
    }
    if (line.breakBefore || mode === 'lines') flush();
    cur = cur === undefined ? line.text : joinLines(cur, line.text);
    if (mode === 'layout' && endsWrappedParagraph(line.text, widths, i, SENTENCE_END_ANY)) flush();
  });
  flush();
  return { title, blocks, text };
}

/** The Markdown body the corpus loader reads: `# title`, then headings and paragraphs separated by blank lines. */
export function renderBody(title: string, blocks: Block[]): string {
  const parts = [`# ${title}`, ...blocks.map((b) => (b.kind === 'heading' ? `${'#'.repeat(b.level)} ${b.text}` : b.text))];
  return parts.join('\n\n') + '\n';
}
