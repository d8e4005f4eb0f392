/**
 * Ask, don't refuse: when a split request leaves one thing open (衢州拿六成还是四成？, which of two
 * amounts, the missing total, how many years), the chat asks one short question with buttons and
 * keeps the request in the session; a pressed button or a typed answer completes it. Pure helpers:
 * the router owns the flow.
 */
import type { SplitHints, SplitQuestion } from '../tools/split-text';
import { parseAmount } from './numbers';
import { p } from './replies';
import { MAX_SPLIT_ASK_OPTIONS, type Lang, type Reply, type SplitAsk } from './types';

/** Button action prefix; the data is `sq:<option index>` (a few bytes, far under Telegram's 64). */
export const SPLIT_ASK_ACTION = 'sq';
const MAX_OPTIONS = MAX_SPLIT_ASK_OPTIONS;

export function splitAskFor(text: string, hints: SplitHints, q: SplitQuestion): SplitAsk {
  return { text, hints, options: q.options.slice(0, MAX_OPTIONS).map((o) => o.hints), ...(q.typed ? { typed: q.typed } : {}) };
}

/** The question as a reply: one line, a button per choice (a typed answer needs none). */
export function splitQuestionReply(q: SplitQuestion, lang: Lang): Reply {
  const options = q.options.slice(0, MAX_OPTIONS);
  return {
    blocks: [p(lang === 'en' ? q.en : q.zh)],
    ...(options.length ? { buttons: [options.map((o, i) => ({ label: lang === 'en' ? o.en : o.zh, action: `${SPLIT_ASK_ACTION}:${i}` }))] } : {}),
  };
}

/** A typed answer to the open question, as hints; undefined when the text is not such an answer. */
export function readTypedAnswer(ask: SplitAsk, text: string): SplitHints | undefined {
  const s = text.trim().replace(/[。.!！]+$/, '');
  if (ask.typed === 'amount') {
    const v = parseAmount(s.replace(/^(?:总额|总共|一共|税收|收益|利润|total|tax|revenue)\s*[:：是为]?\s*/i, ''));
    return v !== undefined && Number.isFinite(v) && v > 0 && v < 1e15 ? { revenue: Math.round(v * 100) / 100 } : undefined;
  }
  if (ask.typed === 'years') {
    const v = parseAmount(s.replace(/\s*(?:个)?(?:年|years?)$/i, '').replace(/^(?:算|共|一共|over|for)\s*/i, ''));
    return v !== undefined && Number.isInteger(v) && v >= 1 && v <= 100 ? { years: v } : undefined;
  }
  if (ask.typed === 'name') {
    // a short name, not a sentence or a number
    return s.length >= 1 && s.length <= 20 && !/\d|[，,；;：:？?]/.test(s) ? { other: s } : undefined;
  }
  return undefined;
}
