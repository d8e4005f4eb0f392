/**
 * The real services as the router's port: the advisor from `createServices`, the tools of
 * src/tools. One code path for the CLI, the terminal chat and the bot.
 */
import type { Services } from '../services';
import { computeSplit } from '../tools/split';
import { splitFromText } from '../tools/split-text';
import * as modes from '../tools/modes';

const { MODES } = modes;
// TODO(H6): switch to the classifier's real export once src/tools lands it.
const classifyMode = (text: string): unknown => {
  const f = (modes as any).classifyMode;
  if (!f) throw new Error('mode classifier not available yet');
  return f(text);
};
import type { ChatServices, ModeInfo, ModeOutcome } from './ports';

function modeInfo(id: string): ModeInfo | undefined {
  const list: Array<{ id: string; nameZh: string; nameEn: string }> = Array.isArray(MODES) ? (MODES as any) : Object.values(MODES as any);
  const m = list.find((x) => x.id === id);
  return m ? { id: m.id, zh: m.nameZh, en: m.nameEn } : undefined;
}

export function fromServices(s: Services): ChatServices {
  return {
    ask: (question, options) => s.advisor.ask(question, options),
    splitFromText: (text) => splitFromText(text),
    computeSplit: (input) => computeSplit(input),
    classifyMode: (text) => classifyMode(text) as unknown as ModeOutcome,
    modeInfo,
    documents: () =>
      s.docs.map((d) => ({ id: d.id, source: d.source, title: d.title, titleEn: d.titleEn, authors: d.authors, year: d.year, venue: d.venue })),
  };
}
