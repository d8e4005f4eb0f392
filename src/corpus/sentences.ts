/** A sentence of a text; `text === input.slice(start, end)`, trimmed of surrounding whitespace. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Chinese sentence ends: the mark and any closing quotes/brackets right after it. */
const ZH_END = /[。！？；]+[”’」』）)》〉】"']*/y;
/** English sentence ends: . ! ? and closing quotes/brackets, followed by whitespace or the end. */
const EN_END = /[.!?]+["'”’)\]]*(?=\s|$)/y;
/** Words after which a full stop does not end the sentence. */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'cf', 'al', 'fig', 'figs', 'no', 'nos', 'vol', 'pp', 'p', 'ed', 'eds', 'mr', 'mrs', 'ms', 'dr',
  'prof', 'inc', 'ltd', 'co', 'corp', 'dept', 'approx', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'st', 'u.s', 'u.k', 'e.u',
]);

function isAbbreviation(text: string, dotIndex: number): boolean {
  // The word (letters and inner dots) right before the full stop.
  let i = dotIndex;
  while (i > 0 && /[A-Za-z.]/.test(text[i - 1])) i--;
  const word = text.slice(i, dotIndex).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // Single capital initials ("J. Smith", "U.S.").
  return /^[a-z]$/.test(word) && /[A-Z]/.test(text[dotIndex - 1]);
}

/** "1. 产业结构互补": a numeral with a full stop before Chinese text numbers a list item. */
function isListNumber(text: string, dotIndex: number): boolean {
  if (!/\d/.test(text[dotIndex - 1] ?? '')) return false;
  const next = /\S/.exec(text.slice(dotIndex + 1, dotIndex + 4));
  return next !== null && /[\u3000-\u9fff\uff00-\uffef“‘（]/.test(next[0]);
}

/**
 * Splits Chinese and English text into sentences with offsets into `text`. Line breaks always end a
 * sentence (paragraphs and headings never share one). Decimal points (2.1) and common abbreviations
 * do not end an English sentence; `；` ends a Chinese one, as the corpus uses it between clauses that
 * read as separate statements.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let segStart = 0;
  const push = (from: number, to: number) => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      push(segStart, i);
      segStart = i + 1;
      i++;
      continue;
    }
    ZH_END.lastIndex = i;
    const zh = ZH_END.exec(text);
    if (zh) {
      const end = i + zh[0].length;
      push(segStart, end);
      segStart = end;
      i = end;
      continue;
    }
    if (ch === '.' || ch === '!' || ch === '?') {
      EN_END.lastIndex = i;
      const en = EN_END.exec(text);
      if (en && !(ch === '.' && (isAbbreviation(text, i) || isListNumber(text, i)))) {
        const end = i + en[0].length;
        push(segStart, end);
        segStart = end;
        i = end;
        continue;
      }
    }
    i++;
  }
  push(segStart, text.length);
  return out;
}
