import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load';
import { locateQuote } from '../src/corpus/quotes';
import { allToolQuotes, resolveSections } from '../src/tools/catalogue-quotes';
import sections from '../src/tools/data/sections.json';
import { MECHANISM_IDS, MECHANISMS } from '../src/tools/mechanisms';
import { MODE_IDS, MODES } from '../src/tools/modes';

const docs = loadCorpus('corpus');

describe('tool citations', () => {
  it('every quote of the mode catalogue and the mechanisms is verbatim in its cleaned corpus document', () => {
    const quotes = allToolQuotes();
    expect(quotes.length).toBeGreaterThan(20);
    for (const q of quotes) {
      const doc = docs.find((d) => d.source === q.source);
      expect(doc, `${q.owner}: no corpus document ${q.source}`).toBeDefined();
      expect(doc!.raw.slice(doc!.bodyStart).includes(q.quote), `${q.owner}: «${q.quote}» not verbatim in ${doc!.path}`).toBe(true);
    }
  });

  it('sections.json is up to date (run `npx tsx scripts/tools-sections.ts` after changing a quote)', () => {
    const { sections: fresh, missing } = resolveSections(allToolQuotes(), (q, s) => locateQuote(docs, q, s)?.section);
    expect(missing).toEqual([]);
    expect(sections).toEqual(fresh);
  });

  it('every mode and every mechanism cites at least one passage, with its section', () => {
    expect(MODES.map((m) => m.id).sort()).toEqual([...MODE_IDS].sort());
    for (const m of MODES) {
      expect(m.citations.length, m.id).toBeGreaterThan(0);
      for (const c of m.citations) expect(c.section, `${m.id}: ${c.quote}`).not.toBe('');
      expect(m.examples.length, m.id).toBeGreaterThan(0);
    }
    for (const id of MECHANISM_IDS) {
      expect(MECHANISMS[id].citations.length, id).toBeGreaterThan(0);
      for (const c of MECHANISMS[id].citations) expect(c.section, `${id}: ${c.quote}`).not.toBe('');
    }
  });

  it('every mode recommends mechanisms the calculator implements', () => {
    for (const m of MODES) for (const rec of m.mechanisms) expect(MECHANISM_IDS).toContain(rec.id);
  });
});
