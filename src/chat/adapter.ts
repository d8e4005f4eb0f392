/**
 * The real services as the router's port: the advisor from `createServices`, the tools of
 * src/tools. One code path for the CLI, the terminal chat and the bot.
 */
import type { Services } from '../services';
import { isUserError } from '../errors';
import { classifyMode, computeSplit, estimateOutput, MODES, parseSplitText, refusalLine, splitFromText, type SplitHints } from '../tools';
import type { SplitTextOutcome } from './ports';
import type { ChatServices, ModeInfo } from './ports';

function modeInfo(id: string): ModeInfo | undefined {
  const m = MODES.find((x) => x.id === id);
  return m ? { id: m.id, zh: m.nameZh, en: m.nameEn } : undefined;
}

/** Chat text (and answers to a clarifying question) → the split, or the question to ask, or the error. */
function splitText(text: string, hints: SplitHints = {}): SplitTextOutcome {
  const parsed = parseSplitText(text, hints);
  if (!parsed.ok) return { ok: false, message: refusalLine(parsed), ...(parsed.question ? { question: parsed.question } : {}) };
  try {
    return { ok: true, result: computeSplit(parsed.input, { notes: parsed.notes }), input: parsed.input };
  } catch (e) {
    if (!isUserError(e)) throw e;
    return { ok: false, message: e.message };
  }
}

export function fromServices(s: Services): ChatServices {
  return {
    ask: (question, options) => s.advisor.ask(question, options),
    splitFromText: (text) => splitFromText(text),
    splitText,
    computeSplit: (input) => computeSplit(input),
    classifyMode: (input) => classifyMode(input),
    estimate: (input) => estimateOutput(input),
    modeInfo,
    documents: () =>
      s.docs.map((d) => ({ id: d.id, source: d.source, title: d.title, titleEn: d.titleEn, authors: d.authors, year: d.year, venue: d.venue })),
  };
}
