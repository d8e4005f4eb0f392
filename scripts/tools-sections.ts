#!/usr/bin/env tsx
/**
 * Resolves the section path of every quote cited by the tools (src/tools/data/mechanisms.json and
 * src/tools/data/modes.ts) from the cleaned corpus and writes src/tools/data/sections.json, so the
 * tools never read the corpus at run time. Fails, naming the quote, if one is not verbatim in corpus/.
 * Run after the corpus or a quote changes: `npx tsx scripts/tools-sections.ts`.
 */
import { writeFileSync } from 'node:fs';
import { loadCorpus } from '../src/corpus/load';
import { locateQuote } from '../src/corpus/quotes';
import { allToolQuotes, resolveSections } from '../src/tools/catalogue-quotes';

const docs = loadCorpus('corpus');
const { sections, missing } = resolveSections(allToolQuotes(), (q, s) => {
  const loc = locateQuote(docs, q, s);
  // the tools promise verbatim quotes: accept exact matches only (locateQuote also tolerates whitespace)
  return loc && docs.find((d) => d.source === loc.source)!.raw.slice(loc.start, loc.end) === q ? loc.section : undefined;
});
if (missing.length) {
  for (const m of missing) console.error(`not verbatim in corpus/: ${m.source} «${m.quote}» (${m.owner})`);
  process.exit(1);
}
writeFileSync(new URL('../src/tools/data/sections.json', import.meta.url), `${JSON.stringify(sections, null, 2)}\n`);
console.log(`wrote ${Object.keys(sections).length} sections to src/tools/data/sections.json`);
