import type { CorpusDocument } from './schema';

/** One stretch of a document's body between two headings. Offsets index into `doc.raw`. */
export interface Section {
  /** Heading texts from `##` down; [] for text before the first `##` heading. */
  path: string[];
  /** Joined with ' › ', as chunks and citations show it. */
  name: string;
  /** Offset of the heading line (or of the body start for the untitled first section). */
  headingStart: number;
  /** Content range: after the heading line up to the next heading (or end of file). */
  start: number;
  end: number;
}

export const SECTION_SEPARATOR = ' › ';

const cache = new WeakMap<CorpusDocument, Section[]>();

/**
 * Splits a document body into sections by its Markdown headings. The `#` heading is the document
 * title and is not part of any path; `##`…`######` build the path.
 */
export function sectionsOf(doc: CorpusDocument): Section[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const raw = doc.raw;
  const sections: Section[] = [];
  const stack: { level: number; text: string }[] = [];
  let current: Omit<Section, 'end'> = { path: [], name: '', headingStart: doc.bodyStart, start: doc.bodyStart };
  let pos = doc.bodyStart;
  while (pos <= raw.length) {
    let eol = raw.indexOf('\n', pos);
    if (eol < 0) eol = raw.length;
    const m = /^(#{1,6})\s+(.+?)\s*$/.exec(raw.slice(pos, eol));
    if (m) {
      sections.push({ ...current, end: pos });
      const level = m[1].length;
      if (level === 1) stack.length = 0;
      else {
        while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
        stack.push({ level, text: m[2] });
      }
      const path = stack.map((s) => s.text);
      current = { path, name: path.join(SECTION_SEPARATOR), headingStart: pos, start: Math.min(eol + 1, raw.length) };
    }
    if (eol >= raw.length) break;
    pos = eol + 1;
  }
  sections.push({ ...current, end: raw.length });
  const result = sections.filter((s) => s.end > s.start || s.path.length > 0);
  cache.set(doc, result);
  return result;
}

/** The section containing `offset` (a heading line belongs to the section it opens). */
export function sectionContaining(doc: CorpusDocument, offset: number): Section | undefined {
  const secs = sectionsOf(doc);
  let found: Section | undefined;
  for (const s of secs) {
    if (s.headingStart <= offset) found = s;
    else break;
  }
  return found;
}

/** Section path at `offset` in `doc.raw`, joined with ' › ' ('' before the first heading). */
export function sectionAt(doc: CorpusDocument, offset: number): string {
  return sectionContaining(doc, offset)?.name ?? '';
}
