import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Bump when token output changes: the index manifest records it, so old indexes are rebuilt. */
export const TOKENIZER_VERSION = 'tok-v4';

const USER_DICT_PATH = new URL('./userdict.txt', import.meta.url);

// Loading the 5 MB dictionary takes ~200 ms: do it once per process, on first use.
let jieba: Jieba | undefined;
let domainTerms: Set<string> | undefined;
export function getJieba(): Jieba {
  if (!jieba) {
    const j = Jieba.withDict(dict);
    // Domain terms get a high frequency so jieba keeps them whole (飞地接力, 消薄飞地, …).
    const user = readFileSync(USER_DICT_PATH, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((w) => `${w.split(/\s+/)[0]} 200000 n`)
      .join('\n');
    j.loadDict(Buffer.from(user, 'utf8'));
    jieba = j;
    domainTerms = new Set(userDictTerms().filter((t) => t.length >= 3));
  }
  return jieba;
}

/** Tokenizer version plus a hash of the user dictionary: editing the dictionary makes old indexes stale. */
export function tokenizerFingerprint(): string {
  const h = createHash('sha256').update(readFileSync(USER_DICT_PATH)).digest('hex').slice(0, 12);
  return `${TOKENIZER_VERSION}+${h}`;
}

/** The project's domain terms (user dictionary), e.g. for tests and for the glossary check. */
export function userDictTerms(): string[] {
  return readFileSync(USER_DICT_PATH, 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((w): w is string => !!w && !w.startsWith('#'));
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;
const LATIN_OR_NUM = /[a-z0-9]+(?:\.[0-9]+)?/g;

// Question words and function words: they say nothing about which passage answers.
const ZH_STOP = new Set(
  (
    '的 了 和 与 及 或 是 在 对 为 把 被 将 从 向 于 以 其 之 而 并 且 也 都 就 又 还 等 等等 这 那 该 此 各 每 有 没有 ' +
    '什么 意思 什么意思 能不能 会不会 可不可以 有没有 哪些 哪个 哪里 哪 如何 怎么 怎样 怎么样 为什么 为何 是否 是不是 多少 几 吗 呢 吧 啊 请问 请 一下 介绍 说说 谈谈 ' +
    '我们 你们 他们 我 你 他 她 它 它们 本文 文章 论文 作者 提到 提出 认为 指出 讲 说 关于 对于 通过 进行 可以 能够 ' +
    '一个 一些 一种 这些 那些 这个 那个 这种 那种 因此 所以 但是 但 然而 如果 因为 由于 其中 以及 以及其 即 也就是 ' +
    '主要 具体 相关 方面 情况 时候 中 上 下 内 外 后 前 里 个 种 些 所 着 过 呢 么 如 若 则 给 让 使 到 由 用'
  ).split(/\s+/),
);

export const EN_STOP = new Set(
  (
    'a an the of in on at to for from by with and or but not no is are was were be been being do does did has have had ' +
    'what which who whom whose when where why how this that these those it its they them their there here as into about ' +
    'than then so such can could should would will may might must shall i you we he she me us our your my his her ' +
    'paper article text corpus author authors according say says said tell describe explain give list mention mentioned ' +
    'please any some all each other more most also only just very much many one two if whether'
  ).split(/\s+/),
);

/** splitt(ing) → split, runn(ing) → run, plann(ed) → plan: the consonant doubled before -ing/-ed (not fill, pass, buzz). */
function undoubled(s: string): string {
  return /([bdgmnprt])\1$/.test(s) ? s.slice(0, -1) : s;
}

/** Light English stemming: enough to join enclave/enclaves, sharing/shared, cities/city, splitting/split. */
export function stem(w: string): string {
  if (w.length <= 3 || /^\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 5) return undoubled(w.slice(0, -3));
  if (w.endsWith('ed') && w.length > 4) return undoubled(w.slice(0, -2));
  if (w.endsWith('es') && /(x|ch|sh|ss)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

export function normalize(text: string): string {
  // NFKC folds full-width letters/digits (２０１７, ＧＤＰ) into ASCII; lowercase for English.
  return text.normalize('NFKC').toLowerCase();
}

export interface TokenParts {
  /** Content words: jieba words (search mode, so compounds also yield their parts) and English stems. */
  words: string[];
  /** CJK character bigrams inside runs of content words (never across a stopword or punctuation). */
  bigrams: string[];
}

/** Tokens split by kind; `tokenize` concatenates them. */
export function tokenizeParts(text: string): TokenParts {
  const words: string[] = [];
  const bigrams: string[] = [];
  const j = getJieba();
  const norm = normalize(text);
  // Precise cut defines the runs for bigrams; search-mode cut supplies the words.
  let run = '';
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) bigrams.push(run.slice(i, i + 2));
    run = '';
  };
  for (const seg of j.cut(norm, true)) {
    if (CJK_RUN.test(seg) && !ZH_STOP.has(seg)) {
      run += seg;
    } else {
      flush();
    }
  }
  flush();
  for (const seg of j.cutForSearch(norm, true)) {
    if (CJK.test(seg)) {
      if (CJK_RUN.test(seg) && seg.length >= 2 && !ZH_STOP.has(seg)) {
        words.push(seg);
        // Search mode only adds 2–3 character sub-words; also add domain terms inside longer words
        // (山海协作 inside 山海协作工程), so the shorter query term still matches.
        if (seg.length >= 4) for (const t of domainTermsIn(seg)) words.push(t);
      }
      continue;
    }
    const latin = seg.match(LATIN_OR_NUM);
    if (!latin) continue;
    for (const w of latin) {
      if (EN_STOP.has(w)) continue;
      if (w.length === 1 && !/\d/.test(w)) continue;
      words.push(stem(w));
    }
  }
  return { words, bigrams };
}

function domainTermsIn(word: string): string[] {
  const out: string[] = [];
  for (let len = 3; len < word.length; len++) {
    for (let s = 0; s + len <= word.length; s++) {
      const sub = word.slice(s, s + len);
      if (domainTerms!.has(sub)) out.push(sub);
    }
  }
  return out;
}

/** Tokens for BM25 and TF-IDF: content words plus CJK bigrams, lowercased, no punctuation or stopwords. */
export function tokenize(text: string): string[] {
  const { words, bigrams } = tokenizeParts(text);
  return words.concat(bigrams);
}

/** Distinct content words of a query (no bigrams): the unit of the query-coverage signal. */
export function contentTerms(text: string): string[] {
  const { words } = tokenizeParts(text);
  // Drop sub-words that search-mode cut adds inside a longer word already present (飞地 inside 飞地接力).
  const uniq = [...new Set(words)];
  return uniq.filter((w) => !uniq.some((o) => o !== w && o.length > w.length && CJK.test(w) && o.includes(w)));
}
