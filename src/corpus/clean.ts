/**
 * Text cleaning shared by the importer of the shipped papers (scripts/import-corpus.ts) and the
 * pipeline for documents users add (src/documents): joining lines broken by the layout, dropping
 * page numbers and running headers, ending paragraphs where the layout shows it, and writing the
 * front matter the corpus loader reads. Pure functions over strings; no I/O.
 */

/** Approximate printed width: full-width (CJK, curly quotes, dashes) counts 2, ASCII 1. */
export function lineWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! >= 0x2000 ? 2 : 1;
  return w;
}

const ASCII_END = /[A-Za-z0-9.,;:!?)'"\]%]$/;
const ASCII_START = /^[A-Za-z0-9('"\[]/;

/** Join two extracted lines: English words get a space (or lose a soft hyphen), Chinese text none. */
export function joinLines(a: string, b: string): string {
  if (a.endsWith('\u2010') && /[A-Za-z]\u2010$/.test(a) && /^[a-z]/.test(b)) return a.slice(0, -1) + b;
  if (ASCII_END.test(a) && ASCII_START.test(b)) return `${a} ${b}`;
  return a + b;
}

/** A line that ends a sentence (Chinese full stop, question or exclamation mark, colon, semicolon), closing quotes allowed. */
export const SENTENCE_END = /[。！？：；][”’」』）)]*$/;

/** The same for English text, used where a document mixes both. */
export const SENTENCE_END_ANY = /(?:[。！？：；]|[.!?;:])[”’」』）)"']*$/;

/** A line holding only a page number, as PDF text extraction leaves them (`12`). */
export function isBarePageNumber(s: string): boolean {
  return /^\d{1,4}$/.test(s);
}

/** Page-number lines in the forms Chinese and English documents print them. */
const PAGE_NUMBER_FORMS = [
  /^\d{1,4}$/,
  /^[-—–－]\s*\d{1,4}\s*[-—–－]$/,
  /^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^page\s+\d{1,4}(?:\s+of\s+\d{1,4})?$/i,
];

export function isPageNumberLine(s: string): boolean {
  const t = s.trim();
  return PAGE_NUMBER_FORMS.some((re) => re.test(t));
}

/** The width of a full line around line i: the column width changes between pages and layouts. */
export function localFullWidth(widths: number[], i: number): number {
  const win = widths.slice(Math.max(0, i - 5), i + 6).filter((w) => w > 0).sort((a, b) => b - a);
  return win[Math.min(1, win.length - 1)] ?? 0;
}

/**
 * Whether a paragraph ends after line i of a column of wrapped lines: the line ends a sentence and is
 * visibly shorter than a full line (a full line ending in 。 is only a sentence that happens to end at
 * the margin).
 */
export function endsWrappedParagraph(text: string, widths: number[], i: number, end: RegExp = SENTENCE_END): boolean {
  if (!end.test(text)) return false;
  return widths[i] < localFullWidth(widths, i) - 3;
}

/**
 * Running headers and footers: short lines that come back on many pages (the journal's name, the
 * document's title, "内部资料 注意保存"). `pages` are the lines of each page; a line is furniture when
 * it sits among the first or last two lines of at least 3 pages and of at least 40 % of them.
 * Page numbers inside such lines are ignored when comparing ("XX市人民政府 3", "… 4").
 */
export function runningFurniture(pages: string[][]): Set<string> {
  const key = (s: string) => s.replace(/\d+/g, '#').replace(/\s+/g, '');
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map((l) => l.trim()).filter((l) => l && lineWidth(l) <= 80).map(key));
    for (const k of edge) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const min = Math.max(3, Math.ceil(pages.length * 0.4));
  const furniture = new Set<string>();
  for (const lines of pages)
    for (const l of [...lines.slice(0, 2), ...lines.slice(-2)]) if ((counts.get(key(l.trim())) ?? 0) >= min) furniture.add(l.trim());
  return furniture;
}

/** Front-matter fields, in the order and format the corpus loader (src/corpus/load.ts) parses. */
export interface FrontMatterFields {
  id: string;
  source: string;
  title: string;
  titleEn?: string;
  authors: string[];
  venue?: string;
  year?: number;
  lang: 'zh' | 'en' | 'zh-en';
  /** Added documents only: where the document came from (the shipped papers leave it out). */
  origin?: 'added';
  /** Added documents only: when it was added (ISO time). */
  addedAt?: string;
}

export function renderFrontMatter(f: FrontMatterFields): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = ['---', `id: ${q(f.id)}`, `source: ${q(f.source)}`, `title: ${q(f.title)}`];
  if (f.titleEn) lines.push(`titleEn: ${q(f.titleEn)}`);
  if (f.authors.length === 0) lines.push('authors: []');
  else lines.push('authors:', ...f.authors.map((a) => `  - ${q(a)}`));
  if (f.venue) lines.push(`venue: ${q(f.venue)}`);
  if (f.year !== undefined) lines.push(`year: ${f.year}`);
  lines.push(`lang: ${q(f.lang)}`);
  if (f.origin) lines.push(`origin: ${q(f.origin)}`);
  if (f.addedAt) lines.push(`addedAt: ${q(f.addedAt)}`);
  lines.push('---');
  return lines.join('\n') + '\n';
}
