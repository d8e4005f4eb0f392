/**
 * Grounding verification of a generated answer, AFTER generation. Pure: the same text and context
 * always give the same result, so it is unit-tested exhaustively and re-run on every streamed prefix.
 *
 * Rules, per answer sentence:
 *  - a claim sentence must cite at least one retrieved passage as [n]; unknown numbers are removed,
 *    and a sentence left with none is dropped;
 *  - every quoted span (「…」 『…』 “…” "…") must occur verbatim (whitespace aside) in a passage it cites;
 *  - every number must equal a tool output, a number of the user's question, or a number of a cited passage;
 *    a sentence without passage citation is kept only when it states tool numbers (a calculation result);
 *  - Chinese claims must share some vocabulary with the passages they cite (a cited passage about
 *    something else does not support the claim);
 *  - headings, list intros ending in a colon and questions back to the user need no citation.
 * Kept citations are renumbered 1..k in order of first use; each returned citation quotes a verbatim
 * sentence of its passage.
 */
import { expandQuery } from '../retrieval/glossary';
import type { Citation } from '../advisor/types';
import { extractNumbers, matchesAny, sameNumber, type NumberMention } from './numbers';

export interface PassageRef {
  n: number;
  source: string;
  title: string;
  section: string;
  text: string;
}

export interface VerifyContext {
  /** Passages the model was shown in this answer, by the number it saw. */
  passages: ReadonlyMap<number, PassageRef>;
  /** Every number in the tools' outputs. */
  toolNumbers?: readonly number[];
  /** Whether a calculator tool ran (a sentence may then rest on the tool instead of a passage). */
  toolsCalled?: boolean;
  /** The user's question (its numbers are inputs the answer may repeat). */
  question?: string;
  /** Minimum share of a Chinese claim's character bigrams found in the cited passages. */
  minOverlap?: number;
  /** Below this share of kept sentences the whole answer counts as failed. */
  minKeptRatio?: number;
  /** Splits a passage into sentences for the citation quote (defaults to a simple splitter). */
  splitSentences?: (text: string) => string[];
  /** Character bigrams of a passage or passage sentence, cached by the caller (AgentSession) across claims and re-verifications. */
  passageBigrams?: (text: string) => ReadonlySet<string>;
  /**
   * Judgements of sentences already seen under this same context: re-verifying a growing streamed
   * prefix then judges only its new sentences. Valid only while passages and tool outputs stay the same.
   */
  memo?: VerifyMemo;
}

export type DropReason = 'no-citation' | 'unknown-citation' | 'quote-not-found' | 'number-mismatch' | 'unsupported';

export interface Dropped {
  text: string;
  reason: DropReason;
  detail?: string;
}

export interface VerifyResult {
  /** The answer with unverifiable sentences removed and citations renumbered. */
  text: string;
  citations: Citation[];
  /** Sentences kept because a cited passage supports them. */
  claims: number;
  /** Sentences kept because they state calculator results. */
  toolSentences: number;
  dropped: Dropped[];
  /** ok / partial: an answer; clarify: only questions back to the user (e.g. a missing input); failed: nothing verifiable. */
  status: 'ok' | 'partial' | 'clarify' | 'failed';
}

// ---------------------------------------------------------------------------------------------
// Segmentation

const MARKER_RE = /\[(\d+(?:\s*[,，、]\s*\d+)*)\]|【(\d+)】/g;
const TRAILING_RE = /^(?:[”’」』）)\]】"'*_]|\s*(?:\[\d+(?:\s*[,，、]\s*\d+)*\]|【\d+】))+/;
const LIST_MARKER_RE = /^\s*(?:[-*•·]\s+|\d{1,2}[.、)）]\s*|[（(]\d{1,2}[)）]\s*|#{1,6}\s+)/;

/** An answer split into sentences and the whitespace between them, so it can be rebuilt. */
export type Segment = { kind: 'sentence'; text: string } | { kind: 'space'; text: string };

export function segmentAnswer(text: string): Segment[] {
  const segs: Segment[] = [];
  const lines = text.split(/(\n+)/);
  for (const part of lines) {
    if (part === '') continue;
    if (/^\n+$/.test(part)) {
      segs.push({ kind: 'space', text: part });
      continue;
    }
    let rest = part;
    while (rest.length) {
      const lead = /^\s+/.exec(rest);
      if (lead) {
        segs.push({ kind: 'space', text: lead[0] });
        rest = rest.slice(lead[0].length);
        continue;
      }
      // A sentence ends at 。！？!? (not ；: a list of clauses usually shares one citation) or at '.' before
      // a space or the end (not inside 3.5), then takes closing quotes and citation markers with it.
      const endRe = /[。！？!?]+|\.(?=\s|$)/g;
      let end = endRe.exec(rest);
      // `1. ` at the start of a line numbers a list item; it does not end a sentence.
      while (end && /^\d{1,2}\.$/.test(rest.slice(0, end.index + end[0].length))) end = endRe.exec(rest);
      let cut = end ? end.index + end[0].length : rest.length;
      const trail = TRAILING_RE.exec(rest.slice(cut));
      if (trail) cut += trail[0].length;
      const sentence = rest.slice(0, cut);
      const trimmed = sentence.replace(/\s+$/, '');
      segs.push({ kind: 'sentence', text: trimmed });
      if (trimmed.length < sentence.length) segs.push({ kind: 'space', text: sentence.slice(trimmed.length) });
      rest = rest.slice(cut);
    }
  }
  return segs;
}

/** The text before the last sentence of a segmented partial answer: what a stream has completed so far. */
export function completedPrefix(segs: readonly Segment[]): string {
  const lastSentence = segs.map((s) => s.kind).lastIndexOf('sentence');
  return segs
    .slice(0, lastSentence)
    .map((s) => s.text)
    .join('');
}

/**
 * A streamed answer's completed prefix, `completedPrefix(segmentAnswer(text))`, without re-segmenting
 * the whole text on every delta: sentences that no later text can change are set aside, and only
 * the rest is segmented again. A sentence is settled once its line has ended, or once something
 * follows it that can neither extend its end mark nor become a citation marker or closing quote it
 * would take along (which rules out `。[1` before `]` arrives, or `3.` before `5`).
 */
export class SentenceStream {
  private text = '';
  /** Length of the settled start of `text`: it ends right after a sentence. */
  private settled = 0;
  private settledText = '';

  /** Appends a delta; returns the completed prefix of the whole text so far. */
  append(delta: string): string {
    this.text += delta;
    const tail = this.text.slice(this.settled);
    const segs = segmentAnswer(tail);
    const last = segs.map((s) => s.kind).lastIndexOf('sentence');
    const complete = this.settledText + completedPrefix(segs);
    // Settle up to the latest sentence (before the last one) whose end is fixed.
    let end = 0;
    const ends = segs.map((s) => (end += s.text.length));
    for (let i = last - 1; i >= 0; i--) {
      if (segs[i].kind === 'sentence' && SETTLES.test(tail.slice(ends[i]))) {
        this.settled += ends[i];
        this.settledText += tail.slice(0, ends[i]);
        break;
      }
    }
    return complete;
  }
}

/** After a sentence: a newline (its line is over) or a character no citation marker or closing quote starts with. */
const SETTLES = /\n|[^\s\[\]【】\d,，、]/;

export function citationNumbers(sentence: string): number[] {
  const out: number[] = [];
  for (const m of sentence.matchAll(MARKER_RE)) {
    const list = m[1] ?? m[2];
    for (const n of list.split(/[,，、]/)) out.push(Number(n.trim()));
  }
  return out;
}

/** The sentence without citation markers and list/heading markers: what it claims. */
export function claimText(sentence: string): string {
  return sentence.replace(MARKER_RE, '').replace(LIST_MARKER_RE, '').replace(/\*\*/g, '').trim();
}

const QUOTE_RES = [/「([^「」]+)」/g, /『([^『』]+)』/g, /“([^“”]+)”/g, /"([^"\n]+)"/g];
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * Quoted spans that claim to be copied from a source. English terms in straight quotes ("enclave")
 * are scare quotes, not citations; an English span of four words or more is checked.
 */
export function quotedSpans(text: string): string[] {
  const out: string[] = [];
  for (const re of QUOTE_RES) {
    for (const m of text.matchAll(re)) {
      const span = m[1].trim();
      if (span.length < 2) continue;
      if (CJK.test(span) || span.split(/\s+/).length >= 4) out.push(span);
    }
  }
  return out;
}

/** Whitespace and full-width/half-width differences are PDF artefacts, not wording. */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

export function cjkBigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return out;
}

/**
 * An English claim has no Chinese bigrams: its glossary terms (English phrase → Chinese) stand in.
 * A term counts as found when one of its Chinese forms occurs in a cited passage. Size is the number
 * of terms, or, when none matched, the content words (a long claim with nothing checkable fails).
 */
function englishOverlap(claim: string, passages: string[]): { ratio: number; size: number } {
  const words = claim.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
  const content = words.filter((w) => w.length > 3);
  const { terms } = expandQuery(claim);
  if (terms.length === 0) return { ratio: 0, size: content.length };
  const hit = terms.filter((t) => t.zh.some((zh) => passages.some((p) => p.includes(zh)))).length;
  // Scaled so the shared threshold (size ≥ 6) applies to claims of a few terms too.
  return { ratio: hit / terms.length, size: Math.max(content.length, 6) };
}

function overlap(claim: string, passages: string[], bigramsOf: (text: string) => ReadonlySet<string> = cjkBigrams): { ratio: number; size: number } {
  const grams = cjkBigrams(claim);
  if (grams.size === 0) return /[A-Za-z]{2}/.test(claim) ? englishOverlap(claim, passages) : { ratio: 1, size: 0 };
  const pool = passages.map(bigramsOf);
  let hit = 0;
  for (const g of grams) if (pool.some((p) => p.has(g))) hit++;
  return { ratio: hit / grams.size, size: grams.size };
}

/** Small whole numbers ("two modes", 三个) structure the prose; they are not facts to check. */
function isCheckedNumber(m: NumberMention): boolean {
  return !(m.unit === '' && m.decimals === 0 && m.written <= 10);
}

/** A short lead-in ending in a colon (`两种方式：`) introduces what follows; a long one is a claim. */
function isStructural(claim: string): boolean {
  if (claim === '') return true;
  if (/[:：]$/.test(claim)) return claim.length <= 40;
  return !/[\p{L}\p{N}]/u.test(claim);
}

/**
 * A question back to the user (`您指的是哪一方？`): short, and with no names (capitalised words after
 * the first, quoted or bracketed terms) that could carry an unchecked claim. Numbers never reach here.
 */
function isQuestionBack(claim: string): boolean {
  if (!/[？?]$/.test(claim) || claim.length > 60) return false;
  return !/\s[A-Z][a-z]|[“”"「」《》【】]/.test(claim);
}

/** Sentence splitter for passages when the corpus splitter is not supplied. */
export function simpleSentences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[^。！？；!?;\n]+[。！？；!?;]*[”’」』）)]*/g)) {
    const s = m[0].trim();
    if (s) out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Verification

export interface Judged {
  keep: boolean;
  kind: 'claim' | 'tool' | 'exempt' | 'question';
  valid: number[];
  quotes: string[];
  reason?: DropReason;
  detail?: string;
}

/** Judgements by sentence text, for one verification context (see VerifyContext.memo). */
export type VerifyMemo = Map<string, Judged>;

function judge(sentence: string, ctx: VerifyContext, refNumbers: readonly number[]): Judged {
  const claim = claimText(sentence);
  const cites = citationNumbers(sentence);
  const valid = [...new Set(cites.filter((n) => ctx.passages.has(n)))];
  const invalid = cites.filter((n) => !ctx.passages.has(n));
  const quotes = quotedSpans(claim);
  const numbers = extractNumbers(claim).filter(isCheckedNumber);
  const no = (reason: DropReason, detail?: string): Judged => ({ keep: false, kind: 'claim', valid, quotes, reason, detail });

  if (valid.length === 0) {
    if (invalid.length) return no('unknown-citation', `[${invalid.join('][')}]`);
    if (quotes.length) return no('no-citation', `quote without source: ${quotes[0]}`);
    if (numbers.length) {
      const stray = numbers.find((m) => !matchesAny(m, refNumbers));
      const fromTool = numbers.some((m) => matchesAny(m, ctx.toolNumbers ?? []));
      if (ctx.toolsCalled && !stray && fromTool) return { keep: true, kind: 'tool', valid, quotes };
      return no(ctx.toolsCalled ? 'number-mismatch' : 'no-citation', stray?.raw);
    }
    if (isQuestionBack(claim)) return { keep: true, kind: 'question', valid, quotes };
    if (isStructural(claim)) return { keep: true, kind: 'exempt', valid, quotes };
    return no('no-citation');
  }

  const cited = valid.map((n) => ctx.passages.get(n)!.text);
  const citedNorm = cited.map(normalizeForMatch);
  const badQuote = quotes.find((q) => !citedNorm.some((p) => p.includes(normalizeForMatch(q))));
  if (badQuote) return no('quote-not-found', badQuote);

  const passageNumbers = cited.flatMap((t) => extractNumbers(t));
  const badNumber = numbers.find((m) => !passageNumbers.some((p) => sameNumber(m, p)) && !matchesAny(m, refNumbers));
  if (badNumber) return no('number-mismatch', badNumber.raw);

  const { ratio, size } = overlap(claim, cited, ctx.passageBigrams);
  if (size >= 6 && ratio < (ctx.minOverlap ?? 0.15)) return no('unsupported', `overlap ${ratio.toFixed(2)}`);
  return { keep: true, kind: 'claim', valid, quotes };
}

function rewriteMarkers(sentence: string, map: Map<number, number>): string {
  return sentence
    .replace(MARKER_RE, (_m, list: string | undefined, single: string | undefined) =>
      (list ?? single ?? '')
        .split(/[,，、]/)
        .map((n) => map.get(Number(n.trim())))
        .filter((n): n is number => n !== undefined)
        .map((n) => `[${n}]`)
        .join(''),
    )
    .replace(/\s+([。！？])/g, '$1')
    .trimEnd();
}

/** Pick the passage sentence that best stands for what the answer took from it. */
function quoteFor(
  passage: PassageRef,
  uses: { claim: string; quotes: string[] }[],
  split: (t: string) => string[],
  bigramsOf: (text: string) => ReadonlySet<string> = cjkBigrams,
): string {
  const candidates = split(passage.text)
    .map((s) => s.replace(/^#+\s*/, '').trim())
    .filter((s) => s.length >= 4);
  if (candidates.length === 0) return passage.text.trim();
  const quotes = uses.flatMap((u) => u.quotes.map(normalizeForMatch));
  const want = cjkBigrams(uses.map((u) => u.claim).join(''));
  const words = new Set(uses.flatMap((u) => u.claim.toLowerCase().match(/[a-z]{4,}/g) ?? []));
  let best = candidates[0];
  let bestScore = -1;
  for (const c of candidates) {
    let score = 0;
    for (const g of bigramsOf(c)) if (want.has(g)) score++;
    for (const w of c.toLowerCase().match(/[a-z]{4,}/g) ?? []) if (words.has(w)) score++;
    // The sentence holding what the answer quoted is the best evidence, in proportion to the quote.
    const norm = normalizeForMatch(c);
    for (const q of quotes) if (norm.includes(q)) score += 2 * q.length;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

export function verifyAnswer(answer: string, ctx: VerifyContext): VerifyResult {
  const split = ctx.splitSentences ?? simpleSentences;
  const refNumbers = [...(ctx.toolNumbers ?? []), ...extractNumbers(ctx.question ?? '').flatMap((m) => [m.written, m.value])];
  const segs = segmentAnswer(answer);
  const renumber = new Map<number, number>();
  const uses = new Map<number, { claim: string; quotes: string[] }[]>();
  const dropped: Dropped[] = [];
  let claims = 0;
  let toolSentences = 0;
  let questions = 0;

  const kept: Segment[] = [];
  for (const seg of segs) {
    if (seg.kind === 'space') {
      kept.push(seg);
      continue;
    }
    let j = ctx.memo?.get(seg.text);
    if (!j) {
      j = judge(seg.text, ctx, refNumbers);
      ctx.memo?.set(seg.text, j);
    }
    if (!j.keep) {
      dropped.push({ text: seg.text, reason: j.reason!, detail: j.detail });
      continue;
    }
    if (j.kind === 'claim') claims++;
    else if (j.kind === 'tool') toolSentences++;
    else if (j.kind === 'question') questions++;
    for (const n of j.valid) {
      if (!renumber.has(n)) renumber.set(n, renumber.size + 1);
      const list = uses.get(n) ?? [];
      list.push({ claim: claimText(seg.text), quotes: j.quotes });
      uses.set(n, list);
    }
    kept.push({ kind: 'sentence', text: rewriteMarkers(seg.text, renumber) });
  }

  const citations: Citation[] = [...renumber.entries()].map(([old, n]) => {
    const p = ctx.passages.get(old)!;
    return { n, source: p.source, title: p.title, section: p.section, quote: quoteFor(p, uses.get(old) ?? [], split, ctx.passageBigrams) };
  });

  const substantive = claims + toolSentences;
  const ratio = substantive / Math.max(1, substantive + dropped.length);
  const status: VerifyResult['status'] =
    substantive === 0 && questions > 0 && dropped.length === 0
      ? 'clarify'
      : substantive === 0 || ratio < (ctx.minKeptRatio ?? 1 / 3)
        ? 'failed'
        : dropped.length
          ? 'partial'
          : 'ok';
  return { text: rebuild(kept), citations, claims, toolSentences, dropped, status };
}

/** Joins kept sentences, keeping line structure and dropping lines emptied by removed sentences. */
function rebuild(segs: Segment[]): string {
  let out = '';
  let spaces: string[] = [];
  const newlines = (t: string) => t.split('\n').length - 1;
  for (const s of segs) {
    if (s.kind === 'space') {
      spaces.push(s.text);
      continue;
    }
    if (out !== '' && spaces.length) {
      // Where a dropped sentence stood between two kept ones, keep the widest separator (a newline beats a space).
      out += spaces.reduce((a, b) => (newlines(b) > newlines(a) ? b : a));
    }
    out += s.text;
    spaces = [];
  }
  return out.trim();
}

// ---------------------------------------------------------------------------------------------
// Prompt-leak guard

export interface LeakGuard {
  /** True when the text reproduces part of the system prompt (or its canary marker). */
  leaks(text: string): boolean;
}

/**
 * Any 24 consecutive non-space characters of the system prompt (or its canary) in an answer is a
 * leak: ordinary answers about the corpus never repeat that much of the instructions.
 */
export function createLeakGuard(systemPrompt: string, canary: string, window = 24): LeakGuard {
  const norm = (t: string) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  const prompt = norm(systemPrompt.replace(canary, ''));
  const grams = new Set<string>();
  for (let i = 0; i + window <= prompt.length; i++) grams.add(prompt.slice(i, i + window));
  const canaryNorm = norm(canary);
  return {
    leaks(text: string) {
      const t = norm(text);
      if (canaryNorm && t.includes(canaryNorm)) return true;
      for (let i = 0; i + window <= t.length; i++) if (grams.has(t.slice(i, i + window))) return true;
      return false;
    },
  };
}
