import type { CorpusDocument } from './schema';
import { sectionAt } from './sections';

export { sectionAt } from './sections';

export interface QuoteLocation {
  source: string;
  title: string;
  section: string;
  /** Offsets of the quote in the document's `raw` text. */
  start: number;
  end: number;
}

/** Removes whitespace, remembering where each kept character was in the original. */
function squeeze(s: string): { text: string; map: number[] } {
  const map: number[] = [];
  let text = '';
  for (let i = 0; i < s.length; i++) {
    if (/\s/.test(s[i])) continue;
    text += s[i];
    map.push(i);
  }
  return { text, map };
}

const squeezed = new WeakMap<CorpusDocument, { text: string; map: number[] }>();

/**
 * Finds `quote` verbatim in the documents' bodies (in `source` only, when given) and returns where it
 * is. Surrounding whitespace is ignored; if the exact text is absent, a match that differs only in
 * whitespace (a line break or a space beside a number) is accepted. Returns undefined when not found.
 */
export function locateQuote(docs: CorpusDocument[], quote: string, source?: string): QuoteLocation | undefined {
  const q = quote.trim();
  if (!q) return undefined;
  const pool = source ? docs.filter((d) => d.source === source || d.id === source) : docs;
  const at = (doc: CorpusDocument, start: number, end: number): QuoteLocation => ({
    source: doc.source,
    title: doc.title,
    section: sectionAt(doc, start),
    start,
    end,
  });
  for (const doc of pool) {
    const i = doc.raw.indexOf(q, doc.bodyStart);
    if (i >= 0) return at(doc, i, i + q.length);
  }
  const sq = squeeze(q).text;
  for (const doc of pool) {
    let s = squeezed.get(doc);
    if (!s) {
      s = squeeze(doc.raw);
      squeezed.set(doc, s);
    }
    let from = 0;
    for (;;) {
      const k = s.text.indexOf(sq, from);
      if (k < 0) break;
      const start = s.map[k];
      if (start >= doc.bodyStart) return at(doc, start, s.map[k + sq.length - 1] + 1);
      from = k + 1;
    }
  }
  return undefined;
}
