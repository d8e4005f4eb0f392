/**
 * Citations of corpus passages. Quotes live in the tool data (mechanisms.json, data/modes.ts) with
 * their source file; the section path of each quote is resolved once from the cleaned corpus by
 * `npx tsx scripts/tools-sections.ts` into data/sections.json, so the tools stay pure (no corpus
 * I/O at run time). test/tools-citations.test.ts checks every quote is verbatim in corpus/ and
 * that sections.json is up to date.
 */
import { z } from 'zod';
import sections from './data/sections.json';

export const CitationSchema = z.object({
  source: z.string().describe('original corpus file name, e.g. 004_4dc32fbbbf306e5c.txt'),
  section: z.string().describe("section path in the cleaned document, joined with ' › '"),
  quote: z.string().describe('verbatim text from corpus/'),
});
export type Citation = z.infer<typeof CitationSchema>;

/** A quote as stored in tool data (the section is looked up). */
export const QuoteRefSchema = z.object({ source: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/), quote: z.string().min(4) });
export type QuoteRef = z.infer<typeof QuoteRefSchema>;

const SECTIONS = sections as Record<string, string>;

export function sectionKey(source: string, quote: string): string {
  return `${source}|${quote}`;
}

export function cite(ref: QuoteRef): Citation {
  return { source: ref.source, section: SECTIONS[sectionKey(ref.source, ref.quote)] ?? '', quote: ref.quote };
}

/** Drops repeated citations (same source and quote), keeping the first. */
export function uniqueCitations(list: Citation[]): Citation[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = sectionKey(c.source, c.quote);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
