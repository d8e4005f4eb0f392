/**
 * Domain terms typed with a homophone — the commonest slip of a pinyin IME: 科创走郎 → 科创走廊,
 * 产业非地 → 产业飞地, 山海写作 → 山海协作. A run of the question that is not itself a domain term and
 * differs from one in a single character (two in terms of six or more) that reads the same, tones
 * aside, is that term — unless the typed characters are words of their own: 产业联动 is not a slip for
 * 产业链动, nor 产业园去年 for 产业园区. So the run must not cut a word of the text's own segmentation,
 * and a slipped character must not sit in a word of two or more characters there. Terms of fewer than
 * four characters are left alone by default (公司只出管理 is not 公司制); a caller with a small closed
 * vocabulary of its own (the split parser's cue words: 保低 → 保底, 飞如地 → 飞入地) may go down to two.
 */

export type Readings = (ch: string) => readonly string[] | undefined;
/** The text's words, in order (jieba's precise cut). */
export type Segmenter = (text: string) => string[];

export interface HomophoneCorrector {
  (text: string): string;
}

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff]+/g;

export function homophoneCorrector(terms: Iterable<string>, readingsOf: Readings, segment: Segmenter, options: { minLength?: number } = {}): HomophoneCorrector {
  const minLength = options.minLength ?? 4;
  const known = new Set<string>();
  for (const t of terms) if (t.length >= minLength && /^[\u3400-\u4dbf\u4e00-\u9fff]+$/.test(t)) known.add(t);
  // Terms by their first character (a slip there is never mended), longest first: 生态补偿飞地 before 生态补偿.
  const byFirst = new Map<string, string[]>();
  for (const t of [...known].sort((a, b) => b.length - a.length)) {
    const list = byFirst.get(t[0]!) ?? [];
    list.push(t);
    byFirst.set(t[0]!, list);
  }
  const sameSound = (a: string, b: string) => {
    const ra = readingsOf(a);
    const rb = readingsOf(b);
    return !!ra && !!rb && ra.some((r) => rb.includes(r));
  };
  const matches = (window: string, term: string) => {
    let slips = 0;
    for (let i = 0; i < term.length; i++) {
      if (window[i] === term[i]) continue;
      if (++slips > (term.length >= 6 ? 2 : 1) || !sameSound(window[i]!, term[i]!)) return false;
    }
    // The first character right too: a slip there leaves too little to know the term by.
    return slips > 0 && window[0] === term[0];
  };
  // Word spans of the text: the run must start and end on word edges, and no slipped character may
  // lie inside a word of two or more characters.
  const slipsOutsideWords = (text: string, at: number, window: string, term: string) => {
    const edges = new Set<number>([0]);
    const inWord: boolean[] = [];
    let pos = 0;
    for (const w of segment(text)) {
      for (let k = 0; k < w.length; k++) inWord[pos + k] = w.length >= 2;
      pos += w.length;
      edges.add(pos);
    }
    if (!edges.has(at) || !edges.has(at + window.length)) return false;
    for (let k = 0; k < window.length; k++) if (window[k] !== term[k] && inWord[at + k]) return false;
    return true;
  };
  return (text) =>
    text.replace(CJK_RUN, (run) => {
      let out = run;
      for (let i = 0; i < out.length; i++) {
        for (const term of byFirst.get(out[i]!) ?? []) {
          if (i + term.length > out.length) continue;
          const window = out.slice(i, i + term.length);
          if (known.has(window) || !matches(window, term) || !slipsOutsideWords(out, i, window, term)) continue;
          out = out.slice(0, i) + term + out.slice(i + term.length);
          i += term.length - 1;
          break;
        }
      }
      return out;
    });
}
