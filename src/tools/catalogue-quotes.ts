/** Every quote the tools cite, with who cites it — for the sections script and the verbatim test. */
import data from './data/mechanisms.json';
import { MODE_DATA } from './data/modes';
import { sectionKey, type QuoteRef } from './citations';

export function allToolQuotes(): Array<QuoteRef & { owner: string }> {
  const mech = (data as Array<{ id: string; citations: QuoteRef[] }>).flatMap((m) => m.citations.map((c) => ({ ...c, owner: `mechanism ${m.id}` })));
  const modes = MODE_DATA.flatMap((m) => m.citations.map((c) => ({ ...c, owner: `mode ${m.id}` })));
  return [...mech, ...modes];
}

export function resolveSections(
  quotes: Array<QuoteRef & { owner: string }>,
  locate: (quote: string, source: string) => string | undefined,
): { sections: Record<string, string>; missing: Array<QuoteRef & { owner: string }> } {
  const sections: Record<string, string> = {};
  const missing: Array<QuoteRef & { owner: string }> = [];
  for (const q of quotes) {
    const section = locate(q.quote, q.source);
    if (section === undefined) missing.push(q);
    else sections[sectionKey(q.source, q.quote)] = section;
  }
  return { sections, missing };
}
