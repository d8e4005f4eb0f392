/**
 * Split requests in officials' own words → the calculator's input. The pipeline, one module per step:
 * normalise (./normalise) → tokens with numbers read and words segmented with parts of speech
 * (./lex; places typed together cut by the place lexicon, ./places) → party names (./names) →
 * "respectively" lists spread over their names (./respectively) → what the sentence says (./grammar)
 * → calculator input or one clarifying question (./roles). Pure and offline; never throws on any text.
 */
import { UserError } from '../../errors';
import { computeSplit, type SplitInput, type SplitResult } from '../split';
import { readFacts } from './grammar';
import { SplitHintsSchema, type SplitHints, type SplitQuestion } from './hints';
import { lex } from './lex';
import { ZH_WORDS } from './lexicon';
import { isEnglish, normalise } from './normalise';
import { buildInput, type Missing } from './roles';
import { readSimplified, respellInput } from './spelling';

export { SplitHintsSchema, type SplitHints, type SplitQuestion } from './hints';

export type SplitTextResult =
  | { ok: true; input: SplitInput; notes: string[] }
  | { ok: false; missing: Missing[]; message: string; example: string; question?: SplitQuestion };

const EXAMPLE = { zh: '衢州 60% 杭州 40% 税收 1000万', en: 'Quzhou 60% Hangzhou 40% tax 10 million yuan' };
/** Longer texts are not split requests; the limit keeps the parser's work bounded. */
const MAX_CHARS = 2000;

export function parseSplitText(text: string, hints: SplitHints = {}): SplitTextResult {
  const typed = normalise(String(text ?? ''));
  const { text: s, respell } = readSimplified(typed);
  const english = isEnglish(s);
  const example = english ? EXAMPLE.en : EXAMPLE.zh;
  // what is shown to the user is in the characters the user typed (溫州拿四成還是六成？); the hints behind the buttons stay as read
  const failWith = (missing: Missing[], zh: string, en: string, question?: SplitQuestion): SplitTextResult => ({
    ok: false,
    missing,
    message: respell(english ? en : zh),
    // only the total is missing: the user's own text with an amount is the example
    example: missing.length === 1 && missing[0] === 'revenue' && s.length <= 60 && !/\d/.test(s.replace(/\d+(?:\.\d+)?\s*[%:：/]\s*\d*/g, '')) ? (english ? `${typed}, tax of 10 million yuan` : `${typed} 1000万`) : example,
    ...(question ? { question: { ...question, zh: respell(question.zh), en: respell(question.en), options: question.options.map((o) => ({ ...o, zh: respell(o.zh), en: respell(o.en) })) } } : {}),
  });
  if (!s) return failWith(['ratio', 'revenue'], '没有内容：请给出分成比例和金额', 'nothing to compute: give the ratio and the amount');
  if (s.length > MAX_CHARS) return failWith(['ratio'], `文字太长（${s.length} 字）：请只写分成比例和金额`, `the text is too long (${s.length} characters): give just the ratio and the amount`);
  const parsedHints = SplitHintsSchema.safeParse(hints);
  try {
    const facts = readFacts(lex(s));
    const r = buildInput(facts, parsedHints.success ? parsedHints.data : {});
    // a role noun is a term with one spelling (飛出地 → 飞出地, as Sending area → sending area); names are the user's own
    if (r.ok) return { ...r, input: respellInput(r.input, (name) => (ZH_WORDS.get(name) === 'role' ? name : respell(name))) };
    return failWith(r.missing, r.zh, r.en, r.question);
  } catch (e) {
    // A number too long for a float (e.g. 400 digits) cannot be a real amount or share.
    if (e instanceof RangeError) return failWith(['revenue'], '有一个数字太大或无法读取：请检查金额和比例', 'a number is too large or unreadable: check the amount and the ratio');
    throw e;
  }
}

/** The one-line refusal for the CLI: what is missing and what to type instead. */
export function refusalLine(r: Extract<SplitTextResult, { ok: false }>): string {
  const zh = /\p{Script=Han}/u.test(r.message);
  const hasExample = r.message.includes(r.example) || /例如|e\.g\.|请写成|请这样写|[Ww]rite e\.g\./.test(r.message);
  const line = hasExample ? r.message : `${r.message.replace(/[。.]\s*$/, '')}${zh ? '。例如：' : '. Example: '}${r.example}`;
  return line.replace(/\s*\n\s*/g, ' ');
}

/** Chat text → split result (the parser's assumptions first in the steps); incomplete text → UserError (one line). */
export function splitFromText(text: string, hints: SplitHints = {}): SplitResult {
  const parsed = parseSplitText(text, hints);
  if (!parsed.ok) throw new UserError(refusalLine(parsed));
  return computeSplit(parsed.input, { notes: parsed.notes });
}
