/**
 * The real services as the router's port: the advisor from `createServices`, the tools of
 * src/tools. One code path for the CLI, the terminal chat and the bot.
 */
import type { Services } from '../services';
import { classifyMode, computeSplit, estimateOutput, MODES, splitFromText } from '../tools';
import type { ChatServices, ModeInfo } from './ports';

function modeInfo(id: string): ModeInfo | undefined {
  const m = MODES.find((x) => x.id === id);
  return m ? { id: m.id, zh: m.nameZh, en: m.nameEn } : undefined;
}

export function fromServices(s: Services): ChatServices {
  return {
    ask: (question, options) => s.advisor.ask(question, options),
    splitFromText: (text) => splitFromText(text),
    computeSplit: (input) => computeSplit(input),
    classifyMode: (input) => classifyMode(input),
    estimate: (input) => estimateOutput(input),
    modeInfo,
    documents: () =>
      s.docs.map((d) => ({ id: d.id, source: d.source, title: d.title, titleEn: d.titleEn, authors: d.authors, year: d.year, venue: d.venue })),
  };
}
