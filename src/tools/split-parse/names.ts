/**
 * Step 3: party names. Runs of name-like words (place names `ns`, other nouns, role nouns from the
 * dictionary, English words that are not cue words, an administrative suffix such as 县) become one
 * `name` token. Function and cue words never do: they have a category in the lexicon.
 */
import type { Tok } from './lex';
import { EN_PHRASES, NAME_POS, PLACE_SUFFIX, VERBS, partyCount } from './lexicon';
import { contains, placeNamed } from '../../places/lexicon';
import { PINYIN_SYLLABLE } from '../../places/pinyin';

type W = Extract<Tok, { k: 'w' }>;
export type GTok = Exclude<Tok, { k: 'w' }> | Extract<Tok, { k: 'w' }> | { k: 'name'; t: string; strong: boolean };

/** A list separator between two names or two values: 、, 和, and, or a comma. */
export const joinsList = (t: GTok | undefined): boolean => (t?.k === 'w' && t.cat === 'and') || (t?.k === 'sep' && !!t.comma);

const MAX_NAME_WORDS = 4;
/** Town A Town B Town C: English names typed together run to more words before a list is seen in them. */
const MAX_NAME_WORDS_EN = 8;
const MAX_NAME_CHARS = 24;
/** Four English words of a name (Kaihua Changshan Jiangshan Longyou) run longer. */
const MAX_NAME_CHARS_EN = 48;
/** 甲乙 / 甲乙丙 typed together are several parties. */
const STEMS = /^[甲乙丙丁戊]{2,5}$/;

function nameable(t: Extract<Tok, { k: 'w' }>): boolean {
  if (t.cat === 'role') return true;
  if (t.cat) return false;
  // 上城区, 东阳: a direction word starts a place name
  if (t.pos === 'f' && /^[东西南北上下中]$/.test(t.t)) return true;
  // a lone lower-case letter is a stray symbol, not a party (County A, A县 are)
  if (t.pos === 'eng') return /^[A-Za-z][A-Za-z'&-]*$/.test(t.t) && !/^[a-z]$/.test(t.t);
  if (!/\p{Script=Han}/u.test(t.t)) return false;
  if (NAME_POS.has(t.pos)) return t.t.length >= 2 || /^[甲乙丙丁戊]$/.test(t.t) || PLACE_SUFFIX.test(t.t);
  // jieba tags some county names as verbs or numerals (开化/v, 三门/m); a known verb is never a name
  if ((t.pos.startsWith('v') || t.pos === 'm' || t.pos === 'a' || t.pos === 'b') && t.t.length >= 2) return !VERBS.has(t.t);
  return false;
}

/**
 * A name is "strong" (a party even where no fact uses it) when it reads as a place or a role. A
 * capitalised English word opening a sentence (Numbers please?) is only a capital, unless it reads as
 * a romanised Chinese name (Lishui gets 60%) or comes with more words (Town A, Jinhua Development Zone).
 */
function strong(parts: Array<Extract<Tok, { k: 'w' }>>, opensSentence = false): boolean {
  if (parts.length === 1 && /^[甲乙丙丁戊]$/.test(parts[0].t)) return true;
  if (opensSentence && parts.length === 1 && parts[0].pos === 'eng' && !PINYIN_WORD.test(parts[0].t)) return false;
  return parts.some((p) => p.cat === 'role' || p.pos === 'ns' || p.pos === 'nz' || PLACE_SUFFIX.test(p.t) || (p.pos === 'eng' && /^[A-Z]/.test(p.t)));
}

/** 飞出地飞入地 written together are two role names, not one. */
const PAIRED_ROLE = /^(?:飞出|飞入|起始飞|中继飞|终端飞)[地方]$|^[甲乙丙丁]方$/;

/** Levels of government named by their level alone (省、市、县 / 省市县 / 市县), one party per level. */
const LEVELS_ONLY = /^[省市县区乡镇村]+$/;

/**
 * 省市县三级按5:3:2 / 省、市、县按4:3:3 / 市县两级六四分: levels of government said by their level
 * characters, typed together or listed, are one party per level when the count word or the ratio right
 * after them says that many parties.
 */
function levelParties(toks: Tok[]): GTok[] {
  const out: GTok[] = [];
  for (let i = 0; i < toks.length; ) {
    const levels: string[] = [];
    let j = i;
    for (;;) {
      const t = toks[j];
      if (t?.k === 'w' && !t.cat && LEVELS_ONLY.test(t.t) && t.t.length <= 5) {
        levels.push(...t.t);
        j += 1;
      } else if (levels.length && t?.k === 'w' && t.cat === 'and' && toks[j + 1]?.k === 'w' && LEVELS_ONLY.test((toks[j + 1] as W).t)) j += 1;
      else break;
    }
    const after = toks[j];
    const said = after?.k === 'ratio' ? after.vs.length : after?.k === 'w' && after.cat === 'both' ? partyCount(after.t) : undefined;
    if (levels.length >= 2 && new Set(levels).size === levels.length && said === levels.length) {
      levels.forEach((c, n) => {
        if (n) out.push({ k: 'w', t: '、', pos: 'c', cat: 'and' });
        out.push({ k: 'name', t: c, strong: true });
      });
      i = j;
    } else {
      out.push(toks[i]);
      i += 1;
    }
  }
  return out;
}

export function groupNames(input: Tok[]): GTok[] {
  const toks = levelParties(input);
  const out: GTok[] = [];
  /** The words of each multi-word name, to undo a run that was really a list (below). */
  const partsOf = new Map<GTok, string[]>();
  /** The words of every Chinese name, for cutting a run of names typed together (below). */
  const wordsOf = new Map<GTok, W[]>();
  for (let i = 0; i < toks.length; ) {
    const t = toks[i];
    const n1 = toks[i + 1];
    // 县城投公司 / 省平台 / 青山镇 (青/ns 山镇/ns): a level prefix or a one-character place starts the name after it
    const prefix = t.k === 'w' && !t.cat && n1?.k === 'w' && nameable(n1) && ((LEVEL_PREFIX.test(t.t) && out[out.length - 1]?.k !== 'name') || (t.pos === 'ns' && t.t.length === 1 && LEVEL.test(n1.t) && n1.cat !== 'role'));
    if (!prefix && (t.k !== 'w' || !nameable(t) || (PLACE_SUFFIX.test(t.t) && t.t.length === 1))) {
      out.push(t);
      i += 1;
      continue;
    }
    const parts: Array<Extract<Tok, { k: 'w' }>> = [];
    let j = i;
    while (j < toks.length && parts.length < (t.k === 'w' && t.pos === 'eng' ? MAX_NAME_WORDS_EN : MAX_NAME_WORDS)) {
      const x = toks[j];
      if (x.k !== 'w' || (!nameable(x) && !(prefix && j === i))) break;
      // English names stay English, Chinese names Chinese
      if (parts.length && (x.pos === 'eng') !== (parts[0].pos === 'eng') && !PLACE_SUFFIX.test(x.t)) break;
      if (parts.length && PAIRED_ROLE.test(x.t) && PAIRED_ROLE.test(parts[parts.length - 1].t)) break;
      // 飞入地保留基数 / 按省里的口径飞出地得七成: a role noun is a whole party name — no word joins it
      // after, and the paired roles (飞出地, 飞入地) take no word before (衢州管委会 keeps its place)
      if (parts.length && (parts[parts.length - 1].cat === 'role' || PAIRED_ROLE.test(x.t))) break;
      parts.push(x);
      j += 1;
    }
    // 苏州工业园区: a place and a common noun (工业, 科技) before 园区 name a park, one party
    const park = toks[j];
    if (park?.k === 'w' && park.t === '园区' && parts.length >= 2 && parts[parts.length - 1].pos !== 'ns' && !parts.some((p) => p.cat === 'role')) {
      parts.push(park);
      j += 1;
    }
    const english = parts[0].pos === 'eng' && parts.every((p) => p.pos === 'eng');
    const text = parts.map((p) => p.t).join(english ? ' ' : '').slice(0, english ? MAX_NAME_CHARS_EN : MAX_NAME_CHARS);
    const places = sameLevelPlaces(parts);
    if (places) {
      // A县B县 / 青田县景宁县: places of one level written together are a list (衢州市柯城区 is one place)
      places.forEach((w, n) => {
        if (n) out.push({ k: 'w', t: '、', pos: 'c', cat: 'and' });
        out.push({ k: 'name', t: w, strong: true });
      });
    } else if (STEMS.test(text)) {
      // 甲乙两村平分: the level the count says is each one's (甲村, 乙村)
      const count = toks[j];
      const level = count?.k === 'w' && count.cat === 'both' && partyCount(count.t) === text.length ? /[县市区镇乡村]$/.exec(count.t)?.[0] ?? '' : '';
      [...text].forEach((c, k) => {
        if (k) out.push({ k: 'w', t: '、', pos: 'c', cat: 'and' });
        out.push({ k: 'name', t: c + level, strong: true });
      });
    } else {
      const before = toks[i - 1];
      const name: GTok = { k: 'name', t: text, strong: strong(parts, !before || before.k === 'sep') };
      if (parts.length > 1 && parts[0].pos !== 'eng') partsOf.set(name, parts.map((p) => p.t));
      if (parts[0].pos !== 'eng') wordsOf.set(name, parts);
      out.push(name);
    }
    i = j;
  }
  out.splice(0, out.length, ...cutRuns(out, wordsOf));
  // 宁波丽水飞地：…宁波拿七成…给丽水: a run whose every word is also named alone elsewhere was a list of those names
  const alone = new Set(out.filter((t) => t.k === 'name' && !partsOf.has(t)).map((t) => (t as { t: string }).t));
  for (let k = out.length - 1; k >= 0; k--) {
    const words = partsOf.get(out[k]);
    if (!words || !words.every((w) => alone.has(w))) continue;
    out.splice(k, 1, ...words.flatMap((w, n): GTok[] => [...(n ? [{ k: 'w', t: '、', pos: 'c', cat: 'and' } as GTok] : []), { k: 'name', t: w, strong: true }]));
  }
  // 海宁 和 开化: the spaces around a list word are not list words of their own
  // 龙游 出资 2000万: a space lists names only between two names
  // 第一年飞出地拿百分之百 第四年降到百分之四十: elsewhere a space between Chinese words ends a clause, as a comma
  // would, unless a word beside it binds across it (分给 海宁, B县 按 5:5, 龙游 出资)
  const binds = (t: GTok | undefined, cats: readonly string[]) => t?.k === 'w' && !!t.cat && cats.includes(t.cat);
  // (飞出地 70% 飞入地 30%: after a number, a space between one name's share and the next name's is inside the series)
  const isNumber = (t: GTok | undefined) => t?.k === 'share' || t?.k === 'ratio' || t?.k === 'money' || t?.k === 'num';
  const nameThenNumber = (k: number, dir: 1 | -1) => {
    const a = out[k];
    const b = out[k + dir];
    const c = binds(b, ['take', 'contrib']) ? out[k + 2 * dir] : b;
    return dir === 1 ? a?.k === 'name' && isNumber(c) : isNumber(a) && (b?.k === 'name' || (binds(b, ['take', 'contrib']) && c?.k === 'name'));
  };
  const dense = out.flatMap((t, k): GTok[] => {
    if (!(t.k === 'w' && t.cat === 'and' && t.t === ' ') || (out[k - 1]?.k === 'name' && out[k + 1]?.k === 'name')) return [t];
    if (isNumber(out[k - 1]) && nameThenNumber(k - 1, -1) && nameThenNumber(k + 1, 1)) return [];
    // (飞出地要保底 飞出地飞入地三七: a floor, baseline or contribution word binds an amount after it, not the next name)
    const bindsRight = binds(out[k - 1], BINDS_RIGHT) && !(binds(out[k - 1], ['floor', 'baseline', 'contrib']) && out[k + 1]?.k === 'name');
    // (龙游 每年按5:3:2: 每年 before a word that binds left binds as that word does)
    const bindsLeft = binds(out[k + 1], BINDS_LEFT) || (binds(out[k + 1], ['each']) && binds(out[k + 2], BINDS_LEFT));
    return bindsRight || bindsLeft ? [] : [{ k: 'sep', comma: true }];
  });
  // A, B and C / 衢州，杭州和丽水 / 衢州:杭州=7:3: a comma or colon between two names is part of the list
  // (the village, the company and the town: an article may stand before each name)
  const nameAfter = (k: number) => (isArticle(dense[k]) ? k + 1 : k);
  return shortEnglishNames(oneNamePerPlace(dense)).map((t, k) => (t.k === 'w' && /^[:：]$/.test(t.t) && isStrongName(dense[k - 1]) && isStrongName(dense[k + 1]) ? { k: 'w', t: ':', pos: 'c', cat: 'and' } : t.k === 'sep' && t.comma && dense[k - 1]?.k === 'name' && dense[nameAfter(k + 1)]?.k === 'name' && listContinues(dense, nameAfter(k + 1)) ? { k: 'w', t: ',', pos: 'c', cat: 'and' } : t));
}

/**
 * between the park operating company and the village collective … Company gets 3 parts, village 7 parts: an
 * English one-word name that is a word of exactly one role noun said in the text is that party, under the
 * role's name.
 */
const EN_ROLES = new Set(EN_PHRASES.filter(([ph, cat]) => cat === 'role' && ph.length > 1).map(([ph]) => ph.join(' ')));

function shortEnglishNames(toks: GTok[]): GTok[] {
  // (role nouns only: a place said with its city, Wenzhou Longwan … Longwan, follows the place rules)
  const long = [...new Set(toks.filter((t): t is Extract<GTok, { k: 'name' }> => t.k === 'name' && EN_ROLES.has(t.t.toLowerCase())).map((t) => t.t))];
  if (!long.length) return toks;
  return toks.map((t) => {
    if (t.k !== 'name' || !/^[A-Za-z']{3,}$/.test(t.t)) return t;
    const word = t.t.toLowerCase();
    const owners = long.filter((n) => n.toLowerCase().split(/\s+/).includes(word));
    return owners.length === 1 ? { ...t, t: owners[0]!, strong: true } : t;
  });
}

/** Words that take what follows them (分给 X, 按 5:5, 从…): a space after them is inside the clause. */
const BINDS_RIGHT = ['to', 'by', 'and', 'from', 'till', 'take', 'contrib', 'floor', 'baseline', 'split', 'byContrib', 'whole', 'excess', 'rest'] as const;
/** Words that attach to what is before them (X 出资, X 拿, 按…分): a space before them is inside the clause. */
const BINDS_LEFT = ['to', 'by', 'and', 'take', 'contrib', 'floor', 'split', 'even', 'till', 'byContrib', 'whole', 'larger', 'smaller', 'first', 'second'] as const;

/**
 * 衢州市和杭州六四分，衢州拿六成: a place said with and without its level (衢州市 / 衢州, 龙游县 / 龙游) is
 * one party, under the name it was first given.
 */
function oneNamePerPlace(toks: GTok[]): GTok[] {
  const first = new Map<string, string>();
  for (const t of toks) {
    if (t.k !== 'name') continue;
    const bare = bareName(t.t);
    if (bare !== undefined && !first.has(bare)) first.set(bare, t.t);
  }
  const names = [...first.values()];
  return toks.map((t) => {
    if (t.k !== 'name') return t;
    const bare = bareName(t.t);
    const own = bare === undefined ? undefined : first.get(bare);
    const named = bare !== undefined && /\p{Script=Han}/u.test(bare) ? insideNamed(bare, names) ?? own : own;
    return named && named !== t.t ? { ...t, t: named } : t;
  });
}

/**
 * 上海松江 … 松江两份: a place said after the place it lies in (上海松江) and later alone (松江) is one party;
 * the one name that ends in it with a place containing it before.
 */
function insideNamed(bare: string, names: string[]): string | undefined {
  if (bare.length < 2 || !placeNamed(bare)) return undefined;
  const outer = names.filter((n) => n.length > bare.length && n.endsWith(bare) && contains(n.slice(0, n.length - bare.length), bare));
  return outer.length === 1 ? outer[0] : undefined;
}

/**
 * A place's name without its level, or undefined for a name this does not apply to. English: Wencheng County /
 * Wencheng (a one-word place before County/City/District; County A keeps its letter, so it is never bare).
 */
function bareName(name: string): string | undefined {
  if (/\p{Script=Han}/u.test(name)) return name.length >= 3 ? name.replace(/[市县区镇乡]$/, '') : name;
  const m = /^([A-Z][a-z'’]{2,}) (?:County|City|District|Town|Township)$/.exec(name);
  if (m) return m[1];
  return /^[A-Z][a-z'’]{2,}$/.test(name) ? name : undefined;
}

/** (Urgent: Lishui 70% — a colon joins two names into a list only when both read as parties: 衢州:杭州=7:3) */
const isStrongName = (t: GTok | undefined) => t?.k === 'name' && t.strong;

const isArticle = (t: GTok | undefined) => t?.k === 'w' && t.cat === 'filler' && /^(?:the|a|an)$/i.test(t.t);

/** An administrative level a place name ends in (县, 市, 区 …), alone (A / 县) or inside the word (龙游县). */
const LEVEL = /(县|市|区|镇|乡|村)$/;
/** A level said alone before a noun (省平台, 县城投公司): the level's own body. */
const LEVEL_PREFIX = /^[省市县区镇乡村]$/;

/** A run of Chinese words that reads as two or more places each ending in the same level (A县B县; A县B镇 for letters), split; else undefined. */
function sameLevelPlaces(parts: Array<Extract<Tok, { k: 'w' }>>): string[] | undefined {
  if (parts.length < 2 || parts.some((p) => p.cat === 'role')) return undefined;
  const units: string[] = [];
  let unit = '';
  let level = '';
  let levels = 0;
  for (const p of parts) {
    unit += p.t;
    const m = LEVEL.exec(p.t);
    if (!m) continue;
    if (level && m[1] !== level) levels += 1;
    level = m[1];
    // the level alone closes the unit only after a name (A县); a word ending in it (龙游县) is one
    if (unit.length >= 2) {
      units.push(unit);
      unit = '';
    }
  }
  // (A县B镇: levels that differ only between places named by a letter, never one inside the other)
  if (levels && !units.every((u) => /^[甲乙丙丁戊A-Z][省市县区镇乡村]$/.test(u))) return undefined;
  return units.length >= 2 && !unit ? units : undefined;
}

/** The name at k is followed by "and name" or another comma and name: the comma was a list separator. */
function listContinues(toks: GTok[], k: number): boolean {
  const a = toks[k + 1];
  const b = isArticle(toks[k + 2]) ? toks[k + 3] : toks[k + 2];
  return !!b && b.k === 'name' && joinsList(a);
}


/**
 * How many parties the words right after a run of names say there are: the parts of the ratio
 * (衢州杭州六四分成 → 2), a count word (三家平分 → 3), or 'even' for 平分 with no count; undefined
 * when nothing in the clause says (衢州飞出地拿六成: a share for one party, no list).
 */
function partiesSaidAfter(toks: GTok[], from: number): number | 'even' | undefined {
  for (let k = from, seen = 0; k < toks.length && seen < 8; k++, seen++) {
    const t = toks[k];
    if (t.k === 'ratio') return t.vs.length;
    // 衢州杭州第一年9:1: a year between the names and their ratio; 衢州杭州1000万六四分: the amount
    if (t.k === 'years' || t.k === 'money') continue;
    // Quzhou Hangzhou Lishui get 50%, 30%, 20% / 衢州杭州分别拿六成、四成 / 开化常山 七成三成: as many shares in a
    // row (after a verb of taking, or right after the names), one each
    const afterNames = k === from || toks.slice(from, k).every((x) => isFiller(x));
    if (t.k === 'share' && (afterNames || (k > from && toks[k - 1].k === 'w' && (toks[k - 1] as W).cat === 'take'))) {
      let n = 1;
      for (let j = k; j + 1 < toks.length; ) {
        const between = toks[j + 1]!;
        if (between.k === 'share') {
          n++;
          j += 1;
        } else if (j + 2 < toks.length && toks[j + 2]!.k === 'share' && joinsList(between)) {
          n++;
          j += 2;
        } else break;
      }
      return n >= 2 ? n : undefined;
    }
    if (t.k !== 'w') return undefined;
    const count = partyCount(t.t);
    if (count) return count;
    // 对半 / 一半一半 / 五五开: halves, so two parties; 平分 / 均分 say no number
    if (t.cat === 'even') return HALVES.test(t.t) ? 2 : 'even';
    if (!t.cat || !['by', 'split', 'filler', 'stop', 'from', 'both', 'revenue', 'take'].includes(t.cat)) return undefined;
  }
  return undefined;
}

/** 70/30：丽水温州 / split 70/30: Lishui Wenzhou — the parts of the ratio right before a run of names that ends its clause. */
function partiesSaidBefore(toks: GTok[], a: number, b: number): number | undefined {
  let k = b;
  while (k < toks.length && isFiller(toks[k])) k++;
  if (k < toks.length && toks[k].k !== 'sep') return undefined;
  for (let j = a - 1, seen = 0; j >= 0 && seen < 4; j--, seen++) {
    const t = toks[j];
    if (t.k === 'ratio') return t.vs.length;
    if (t.k !== 'w' || !t.cat || !['by', 'split', 'filler', 'stop'].includes(t.cat)) return undefined;
  }
  return undefined;
}

/** Words for halves (对半, 五五开, half and half): two parties; 平分 / 均分 say no number. */
const HALVES = /^(?:对半|对半分|一半一半|各一半|五五开|fifty-fifty|half and half|50-50)$/i;

const isFiller = (t: GTok | undefined) => t?.k === 'w' && (t.cat === 'filler' || t.cat === 'stop' || (t.cat === 'and' && t.t === ' '));
/** The names [a, b) are a clause of their own (…过渡到六四，衢州杭州): nothing but filler beside them up to the clause ends. */
function aloneInClause(toks: GTok[], a: number, b: number): boolean {
  let k = a - 1;
  while (k >= 0 && isFiller(toks[k])) k--;
  if (k >= 0 && toks[k].k !== 'sep') return false;
  k = b;
  while (k < toks.length && isFiller(toks[k])) k++;
  return k >= toks.length || toks[k].k === 'sep';
}
/** The number of parts every ratio in the text has, when they all agree (九一 … 六四 → 2). */
function partsOfEveryRatio(toks: GTok[]): number | undefined {
  // (对半 / 五五开 are halves: two parts, as a ratio of two)
  const counts = new Set(toks.flatMap((t) => (t.k === 'ratio' ? [t.vs.length] : t.k === 'w' && t.cat === 'even' && HALVES.test(t.t) ? [2] : [])));
  return counts.size === 1 ? [...counts][0] : undefined;
}

/** A list word after a name (和, 、, and; a space only before another name): the name is one item of a list. */
const isListWord = (t: GTok | undefined, after: GTok | undefined) => t?.k === 'w' && t.cat === 'and' && (t.t !== ' ' || after?.k === 'name');

/** A word of one to four Hanyu Pinyin syllables without tones (Hangzhou, Lishui, Xi'an). */
const PINYIN_WORD = new RegExp(`^(?:${PINYIN_SYLLABLE}'?){1,4}$`, 'i');

/**
 * English names typed together with no separator, as would-be parties, else undefined:
 * romanised Chinese places (Hangzhou Quzhou, HangzhouQuzhou: each capitalised and wholly pinyin
 * syllables), or names made with one kind word repeated (Town A Town B, Kaihua County Changshan County).
 * Whether they are a list is for the words after them to say (a count that matches).
 */
function englishPieces(text: string): string[] | undefined {
  const words = text.split(/\s+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
  if (words.length < 2) return undefined;
  if (words.every((w) => w.length >= 3 && /^[A-Z][a-z']+$/.test(w) && PINYIN_WORD.test(w))) return words;
  // Town A Town B: each name starts with the same kind word; Kaihua County Changshan County: each ends with it
  const spaced = text.split(/\s+/);
  const pairs = spaced.length % 2 === 0 ? spaced.flatMap((w, k) => (k % 2 ? [] : [[w, spaced[k + 1]]])) : [];
  const same = (k: 0 | 1) => pairs.length >= 2 && pairs.every((p) => p[k] === pairs[0][k]) && new Set(pairs.map((p) => p[1 - k])).size === pairs.length;
  return same(0) || same(1) ? pairs.map((p) => p.join(' ')) : undefined;
}

type Piece = { text: string; kind: 'role' | 'place' | 'other' };
/** Bodies and areas that belong to the place before them (衢州高新区, 开化县政府, 衢州新城): one party with it. */
const PART_OF_PLACE = /^(?:新城|新区|城区|园区|工业园|产业园|工业园区|开发区|经开区|高新区|管委会|园区管委会|开发区管委会|管理委员会|政府|人民政府|县政府|市政府|区政府|镇政府|乡政府|城投公司|平台公司|投资公司|开发公司)$/;

/** A name's words as would-be parties: a level or place suffix (县, 市, 公司) stays with the word before it. */
function piecesOf(words: W[]): Piece[] {
  const out: Piece[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (last && last.kind !== 'role' && (PART_OF_PLACE.test(w.t) || (PLACE_SUFFIX.test(w.t) && w.cat !== 'role'))) {
      last.text += w.t;
      last.kind = 'place';
    } else out.push({ text: w.t, kind: w.cat === 'role' ? 'role' : w.pos === 'ns' || w.pos === 'nz' || (w.t.length >= 2 && LEVEL.test(w.t)) ? 'place' : 'other' });
  }
  return out;
}

/**
 * 衢州市柯城区 / 龙游县湖镇 / 浙江省衢州市柯城区: each level inside the one before it, one party, not a
 * list. A level said again or going back up (甲县乙县丙镇: 县, 县, 镇) is not a chain of places inside each
 * other but places side by side.
 */
const LEVEL_RANK: Record<string, number> = { 省: 0, 市: 1, 县: 2, 区: 2, 镇: 3, 乡: 3, 村: 4 };
function nested(pieces: Piece[]): boolean {
  // (甲县乙镇, A县B镇: places named by a letter are placeholders side by side, never one inside the other)
  if (pieces.every((p) => /^[甲乙丙丁戊A-Z][省市县区镇乡村]$/.test(p.text))) return false;
  const ranks = pieces.map((p) => LEVEL_RANK[p.text.slice(-1)]).filter((r): r is number => r !== undefined);
  return ranks.length >= 2 && ranks.every((r, k) => k === 0 || r > ranks[k - 1]);
}

/**
 * 衢州杭州六四分成 / 运营公司村集体八二分 / 衢州开化常山三家平分: names typed next to each other with no
 * separator are a list when what follows says how many parties there are and the run cuts into exactly
 * that many party-like pieces (place names, role nouns, names with a level suffix; a word jieba does not
 * know as a place, such as 开化, only beside a place or role and only when the count confirms it). With
 * no count (平分 alone), every piece must be a place or a role. Anything else stays as it was typed.
 */
function cutRuns(toks: GTok[], wordsOf: Map<GTok, W[]>): GTok[] {
  const out: GTok[] = [];
  for (let a = 0; a < toks.length; ) {
    const t = toks[a];
    // after a list word (和, 、) the name is one item of a list; a space is a list word only between two names
    const prev = out[out.length - 1];
    const inList = prev?.k === 'w' && prev.cat === 'and' && (prev.t !== ' ' || out[out.length - 2]?.k === 'name');
    if (t.k !== 'name' || inList) {
      out.push(t);
      a += 1;
      // 飞出地、飞入地运营公司 (飞出地飞入地运营公司5:3:2): a role or place typed right after a listed one goes on the list
      const n1 = toks[a];
      if (inList && t.k === 'name' && t.strong && n1?.k === 'name' && n1.strong) out.push({ k: 'w', t: '、', pos: 'c', cat: 'and' });
      continue;
    }
    const english = t.k === 'name' && !wordsOf.has(t) ? englishPieces(t.t) : undefined;
    // (each named alone elsewhere, as in Lishui Wenzhou: Lishui 40%, Wenzhou 60%, is a list too)
    const namedAlone = (p: string) => toks.some((x, k) => k !== a && x.k === 'name' && x.t === p);
    const saidOfEnglish = english && !isListWord(toks[a + 1], toks[a + 2]) ? (english.every(namedAlone) ? english.length : partiesSaidAfter(toks, a + 1) ?? partiesSaidBefore(toks, a, a + 1) ?? partsOfEveryRatio(toks)) : undefined;
    if (english && (saidOfEnglish === english.length || saidOfEnglish === 'even')) {
      english.forEach((p, n) => {
        if (n) out.push({ k: 'w', t: ',', pos: 'c', cat: 'and' });
        out.push({ k: 'name', t: p, strong: true });
      });
      a += 1;
      continue;
    }
    let b = a;
    while (b < toks.length && toks[b].k === 'name' && (b === a || wordsOf.has(toks[b]))) b++;
    const run = toks.slice(a, b);
    const chinese = run.every((x) => wordsOf.has(x) || /\p{Script=Han}/u.test((x as { t: string }).t));
    const pieces = run.flatMap((x) => (wordsOf.has(x) ? piecesOf(wordsOf.get(x)!) : [{ text: (x as { t: string }).t, kind: 'place' as const }]));
    const listed = isListWord(toks[b], toks[b + 1]);
    const strongAll = pieces.every((p) => p.kind !== 'other');
    // (places and roles typed together pair with the ratio said anywhere: 衢州杭州飞地项目…，六四分成)
    const said = partiesSaidAfter(toks, b) ?? partiesSaidBefore(toks, a, b) ?? (aloneInClause(toks, a, b) || strongAll ? partsOfEveryRatio(toks) : undefined);
    const fits =
      chinese &&
      !listed &&
      pieces.length >= 2 &&
      !nested(pieces) &&
      ((said === pieces.length && (strongAll || pieces.every((p) => p.text.length >= 2))) || (said === 'even' && strongAll));
    if (!fits) {
      out.push(...run);
      a = b;
      continue;
    }
    pieces.forEach((p, n) => {
      if (n) out.push({ k: 'w', t: '、', pos: 'c', cat: 'and' });
      out.push({ k: 'name', t: p.text, strong: true });
    });
    a = b;
  }
  return out;
}
