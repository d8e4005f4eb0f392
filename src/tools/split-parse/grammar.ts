/**
 * Step 4: the grammar. Reads the token list clause by clause and records what the sentence says —
 * who takes which share, which ratio applies to whom, what each amount is (the total to split, a
 * contribution, a floor, a baseline), and how the years are phased. It decides nothing about
 * missing or conflicting pieces: that is ./roles.
 */
import { Q } from '../rational';
import type { ShareForm, Tok } from './lex';
import { partyCount, type Cat } from './lexicon';
import { groupNames, type GTok } from './names';
import { placeNamed } from '../../places/lexicon';
import { distributeRespectively } from './respectively';

export interface ShareFact {
  party: string;
  /** undefined: "the rest" (其余归 Y). */
  v?: Q;
  form: ShareForm;
  phase: number;
  raw: string;
  /** Said of what is left (余下按飞出地 70% 飞入地 30%): a rest word before it in its clause. */
  rest?: boolean;
  /** 之后多拿两成 / 之后少拿一成: more (1) or less (−1) than the party's share in the period before, not a share of its own. */
  delta?: 1 | -1;
  /** 先提10% / takes 10% off the top: said to be taken first, before the rest is split. */
  first?: boolean;
}
export interface RatioFact {
  /** null: equal shares (对半, 平分). */
  vs: Q[] | null;
  form: ShareForm;
  parties?: string[] | 'all';
  phase: number;
  /** Splits what is left after fixed amounts (剩下的 A 和 B 六四分). */
  rest: boolean;
  role: 'main' | 'from' | 'till';
  raw: string;
  /** The party the first part belongs to (飞入地从 10% 过渡到 40%). */
  lead?: string;
  /** 四方平分 with no names anywhere: how many parties the count word says. */
  count?: number;
}
/** Floor words that only say an amount is fixed (固定, fixed): beside what is split, they describe the total. */
const FIXED_WORD = /^(?:固定|fixed|a fixed)$/i;

export type MoneyRole = 'revenue' | 'contrib' | 'floor' | 'baseline' | 'unknown';
export interface MoneyFact {
  v: Q;
  raw: string;
  role: MoneyRole;
  party?: string;
  cue?: string;
  /** 保底 300 万，余下按…分: a "rest" follows, so the amount is paid first (a carve-out). */
  restAfter?: boolean;
  /** Listed with another amount (800 万和 600 万). */
  listedWith?: boolean;
  /** 第二年600万 / 2.5 million in year 2: the amount of that one year of the schedule. */
  year?: number;
  /** Town A 5 million: the name right before an amount with no cue of its own. */
  named?: string;
}
export interface Mention {
  name: string;
  strong: boolean;
  listed: boolean;
}
export interface Facts {
  mentions: Mention[];
  shares: ShareFact[];
  ratios: RatioFact[];
  money: MoneyFact[];
  /** Periods of the schedule in year order; `start` is the first year when the text says it (第4年起). */
  phases: Array<{ years?: number; start?: number; onward?: boolean }>;
  /** Years were talked about in phases (前四年…之后…). */
  phased: boolean;
  span?: number;
  buffer?: number;
  byContrib: boolean;
  perYear: boolean;
  indicator?: string;
  /** Names the text uses for "all parties" (两边, 双方). */
  saysBoth: boolean;
  /** 两个城市 / the two cities: the parties spoken of by their kind of place, as if named elsewhere. */
  kindWord?: string;
  /** 基数归 X said apart from the baseline's amount. */
  baselineOwner?: string;
  /** Part of the agreement is said to be unsettled (后面的还没定). */
  undecided: boolean;
  /** 每年增长10% / grows 5% a year: revenue said to grow by a rate (not computed: the years' amounts are asked for). */
  growth?: string;
  /**
   * An amount added to the revenue each year (增加100万, goes up by 500k): projected exactly. A growth rate is not
   * (compound or simple, and whose forecast: the table's s1003–s1005 ask for each year's amount instead).
   */
  growthAdded?: Q;
  /** 按每年增加100万推算: said in the steps when the yearly amounts were projected from the growth. */
  projected?: string;
  /** 每年降一成 / drops 10 points a year: the step a glide moves by each year (its length follows from it). */
  glideStep?: { v: Q; form: ShareForm; raw: string; dir: 1 | -1 };
  /** 其余 / the rest is said somewhere (of the rest, …). */
  saysRest?: boolean;
  /** 之后更多 / and then more after that: a later period said only to be more or less, with no figure. */
  vagueLater?: string;
  /** Coordinated lists of names (衢州和杭州, A、B、C), in text order. */
  lists: string[][];
  /** 一方拿六成，另一方拿四成: the text leaves who gets which open on purpose. */
  vague: boolean;
  /** 杭州多拿 / Hangzhou gets the bigger part: the party that has the larger (or smaller) part of a two-part ratio. */
  sizeOf: Record<string, 'larger' | 'smaller'>;
  /** 剩下的衢州杭州按比例分: the parties named to share what is left after the amounts paid first. */
  restParties?: string[];
  /** 跟对方三七开 / 我们是飞出地: the parties are spoken of as "we" and "the other side", not by name or role. */
  saysOtherSide: boolean;
  /** 飞出地为衢州 / 衢州是飞入地: a role noun and the place that plays it. */
  aliases: Record<string, string>;
  /** 杭州也出了地: a party said to contribute, with no amount in its clause. */
  contribWithoutAmount: Array<{ party: string; cue: string }>;
  /** 村集体保底，剩下的…: a party said to have a floor, with no amount in its clause. */
  floorWithoutAmount: Array<{ party: string; cue: string }>;
}

type W = Extract<GTok, { k: 'w' }>;
const ROLE_PAIR = new Set(['飞出地', '飞入地', '飞出方', '飞入方', 'sending area', 'receiving area']);
const isW = (t: GTok | undefined, ...cats: Cat[]): t is W => !!t && t.k === 'w' && !!t.cat && cats.includes(t.cat);
/** What a party's number counts when shares follow a measure (按人口比例: 甲村人口2000). */
const MEASURE = /^(?:人口|人数|户数|面积|亩数)$/;
/** Words that say the revenue grows (增长, 递增, grows): a rate after them is the growth, not a share. */
const GROWTH = /^(?:增长|递增|增加|上涨|增幅|涨|grows|grow|growing|growth)$/i;
/** English verbs that say the revenue goes up by an amount each year (goes up by 500k). */
const GROWS_BY = /^(?:goes up|go up|rises|rise|increases|increase)$/i;
/** A word saying the revenue grows, by an amount or (GROWTH only) a rate. */
const isGrowthWord = (x: GTok | undefined): boolean => !!x && (x.k === 'w' || x.k === 'name') && (GROWTH.test(x.t) || GROWS_BY.test(x.t));
/** One-character words that move a share by a step (每年降一成, 每年升一成); the longer ones are the lexicon's 'step'. */
const STEP_VERB = /^(?:降|减|少|升|增|多)$/;
/** English take words that are also verbs of movement (drops, rises): with a yearly figure they say a glide's step. */
const EN_MOVE = /^(?:drops|falls|declines|rises|moves)$/i;
/** Step words that move a share down (下降, 降低, 减少 …); the others move it up. */
const DOWN_STEP = /降|减|少|下调|回落|调低/;
/** Words that set a clause against the one before (但是 …, however …). */
const CONTRAST = /^(?:但是|但|不过|可是|然而|却|而|只是|but|however|though|although)$/i;
/** Words that take back what was just said (哦不对, 说错了, 更正): the figure after them competes with the one before. */
const CORRECTION = /不对|说错|写错|打错|记错|更正|纠正|sorry|I mean|correction/i;
/** The other party as "the other side" (对方, 对面, the other side). */
// (the neighbouring county, our partner city: the other side described, not named)
const OTHER_SIDE = /^(?:对方|对面|人家|他们|the other side|other side|the other party|other party|(?:the |our )?(?:neighbou?ring|neighbou?r|partner|other|paired|twinned|sister) (?:county|city|district|town|side|area|region|province|party))$/i;
/** The parties as a kind of place, not by name (两个城市, 两县, the two cities). */
const PLACE_KIND = /^(?:cities|counties|towns|townships|districts|villages|municipalities|[两二三四]个?(?:城市|市|县|区|镇|乡|村))$/i;
/** Words that say the amounts after them are one per year, in order (分别是, 依次, year by year). */
const PER_YEAR_CUE = /^(?:分别|分别是|分别为|依次|依次是|依次为|依次为|逐年|各年|每一年|year by year|by year|yearly|annually)$/i;
const INDICATORS: Array<[RegExp, string]> = [
  [/税|入库|上缴|tax/i, '税收'],
  [/利润|profit/i, '利润'],
  [/分红|红利|dividend/i, '分红'],
  [/GDP|生产总值/i, 'GDP'],
  [/产值|output/i, '产值'],
  [/营/, '营业收入'],
  [/收益|收入|revenue|income|proceeds|earnings/i, '收益'],
];

export function readFacts(toks: Tok[]): Facts {
  const { toks: g, speakerRole } = withSelf(pronounsAsNames(distributeRespectively(groupNames(toks))));
  const f: Facts = { mentions: [], shares: [], ratios: [], money: [], phases: [{}], phased: false, byContrib: false, perYear: false, saysBoth: false, vague: false, sizeOf: {}, saysOtherSide: !!speakerRole || g.some((t) => (t.k === 'w' || t.k === 'name') && OTHER_SIDE.test(t.t)), undecided: false, aliases: {}, lists: [], contribWithoutAmount: [], floorWithoutAmount: [] };
  let phase = 0;
  /** 第二年取中间: a year said to lie between the glide's ends (its ends are the first and last years said). */
  let middleYear: number | undefined;
  /** The development zone provided the site, valued at 10 million: a contribution said without its value, and where its clause ends. */
  let unvaluedContrib: { party: string; clauseEnd: number } | undefined;
  /** The text says the split is by contributions (按出资比例, pro rata, follow capital). */
  const byContribText = g.some((x) => isW(x, 'byContrib'));
  const cur = () => f.phases[phase];
  const phaseHasFacts = () => f.shares.some((s) => s.phase === phase) || f.ratios.some((r) => r.phase === phase);
  // the last share or ratio recorded and the token it came from (for time phrases that follow it)
  let lastFactRef: ShareFact | RatioFact | undefined;
  let lastFactAt = -1;
  /** Shares said as more or less than the period before (之后多拿两成), by the token they come from. */
  const deltaAt = new Map<number, 1 | -1>();
  const pushShare = (at: number, x: ShareFact) => {
    if (x.v !== undefined && restIn(at)) x.rest = true;
    if (x.v !== undefined && deltaAt.has(at)) x.delta = deltaAt.get(at);
    if (x.v !== undefined && takenFirst(at)) x.first = true;
    f.shares.push(x);
    lastFactRef = x;
    lastFactAt = at;
  };
  const pushRatio = (at: number, x: RatioFact) => {
    f.ratios.push(x);
    lastFactRef = x;
    lastFactAt = at;
  };
  const factsInPhaseBefore = (x: ShareFact | RatioFact) => f.shares.some((s) => s !== x && s.phase === x.phase) || f.ratios.some((r) => r !== x && r.phase === x.phase);
  const openPhase = () => {
    f.phases.push({});
    phase = f.phases.length - 1;
    f.phased = true;
  };

  // clause bounds: [start, end) for each token
  const clauseOf: Array<[number, number]> = [];
  for (let s = 0; s < g.length; ) {
    let e = s;
    while (e < g.length && g[e].k !== 'sep') e++;
    for (let k = s; k <= e && k < g.length; k++) clauseOf[k] = [s, e];
    s = e + 1;
  }
  const inClause = (i: number, cats: Cat[]) => {
    const [s, e] = clauseOf[i] ?? [0, 0];
    for (let k = s; k < e; k++) if (isW(g[k], ...cats)) return k;
    return -1;
  };

  /** Index of the next token left (dir −1) or right (+1) of i that is not one of the skipped kinds, within the clause. */
  const next = (i: number, dir: 1 | -1, skip: Cat[], max = 3): number => {
    const [s, e] = clauseOf[i] ?? [0, g.length];
    let k = i + dir;
    let n = 0;
    while (k >= s && k < e && n < max && (isW(g[k], ...skip) || (g[k].k === 'w' && !(g[k] as W).cat && (g[k] as W).pos === 'uj'))) {
      k += dir;
      n++;
    }
    return k >= s && k < e ? k : -1;
  };
  /** The distinct lists of exactly n names in the text (衢州、杭州和村集体 for n = 3). */
  const listsOfSize = (n: number): string[][] => {
    const found = new Map<string, string[]>();
    for (let k = 0; k < g.length; k++) {
      if (g[k].k !== 'name' || (isW(g[k - 1], 'and') && g[k - 2]?.k === 'name')) continue;
      const l = listAt(k, 1);
      if (l && Array.isArray(l.names) && l.names.length === n) found.set(l.names.join('\u0000'), l.names);
    }
    return [...found.values()];
  };
  /** A list of names ending (dir −1) or starting (dir +1) at k: 衢州和杭州, A、B、C; or 两边 (all). */
  const listAt = (k: number, dir: 1 | -1): { names: string[] | 'all'; end: number; count?: number } | undefined => {
    if (k < 0) return undefined;
    const t = g[k];
    if (isW(t, 'both')) {
      // 飞出地、飞入地、村集体、运营公司四方: the list written before 四方 is who they are
      const named = dir === -1 && g[k - 1]?.k === 'name' ? listAt(k - 1, -1) : undefined;
      if (named && Array.isArray(named.names) && named.names.length >= 2) return named;
      // 四方平分…四方分别为飞出地、飞入地、村集体和平台公司: a count of parties is the list of that many names said anywhere
      const count = partyCount(t.t);
      const counted = count ? listsOfSize(count) : [];
      return counted.length === 1 ? { names: counted[0], end: k } : { names: 'all', end: k, ...(count ? { count } : {}) };
    }
    if (t.k !== 'name') return undefined;
    const names = [t.t];
    let j = k;
    // 衢州、龙游 衢州七成: a space after a list joined by 、 (or the reverse) starts something else
    let joiner: string | undefined;
    for (;;) {
      // "between the town government and the management committee": an article after the list word is
      // skipped, reading either way (leftwards only after a place or role: "6 parts and the receiving
      // area 4 parts" is no list)
      const isArticle = (x: GTok | undefined) => isW(x, 'filler') && /^(?:the|a|an)$/i.test((x as W).t);
      let at = j + dir;
      const nameBefore = g[at - 2];
      if (dir === -1 && isArticle(g[at]) && isW(g[at - 1], 'and') && nameBefore?.k === 'name' && nameBefore.strong) at -= 1;
      const a = g[at];
      if (dir === 1 && isArticle(g[at + dir])) at += dir;
      const step = at + dir - j;
      const b = g[j + step];
      // (a list never names one party twice: 衢州龙游 衢州七成龙游三成 is a list, then the shares)
      // (one kind of separator per list: a name with another kind on its far side starts another list)
      const sepKind = (x: GTok | undefined) => (isW(x, 'and') ? ((x as W).t === ' ' ? 'space' : /^[:：]$/.test((x as W).t) ? 'colon' : 'word') : undefined);
      const kind = sepKind(a);
      const beyond = sepKind(g[j + step + dir]);
      if (kind && beyond && beyond !== kind) break;
      if (kind && (!joiner || joiner === kind) && b?.k === 'name' && clauseOf[j + step]?.[0] === clauseOf[k][0] && !names.includes(b.t)) {
        joiner = kind;
        names.push(b.t);
        j += step;
      } else break;
    }
    return { names: dir === -1 ? names.reverse() : names, end: j };
  };

  /** Inside a glide clause: after 从/由/from and before 到/过渡到/to → 'from'. */
  const glideSide = (i: number): 'from' | 'till' | undefined => {
    const [cs, ce] = clauseOf[i] ?? [0, 0];
    let side: 'from' | 'till' | undefined;
    for (let k = cs; k < i; k++) {
      if (isW(g[k], 'from')) side = 'from';
      else if (isW(g[k], 'till')) side = 'till';
    }
    // a start only when the clause goes on to a target (从…过渡到…), not 从第4年起
    if (side === 'from' && !g.slice(i + 1, ce).some((x) => isW(x, 'till'))) return undefined;
    return side;
  };
  /** 先提10% / takes 10% off the top / 先把10%给: a word in the share's clause says it is taken before the rest is split. */
  const takenFirst = (i: number) => {
    const [s, e] = clauseOf[i] ?? [0, 0];
    return g.slice(s, e).some((x) => x.k === 'w' && /^(?:先提|先拿|先抽|先扣|先扣除|先提取|先抽取|先|先把|先行|优先|off the top|right off the top|from the top|up front|upfront|first)$/i.test(x.t));
  };
  const restIn = (i: number) => inClause(i, ['rest']) >= 0 && inClause(i, ['rest']) < i;
  const ratioRole = (i: number): RatioFact['role'] => {
    let k = next(i, -1, ['by', 'stop', 'filler', 'split', 'buffer'], 3);
    // 从飞出地:飞入地=8:2过渡到… / from Quzhou:Hangzhou 8:2: the names of the ratio may stand between 从 and it
    const named = k >= 0 && g[k].k === 'name' ? listAt(k, -1) : undefined;
    // (由A县、B县按5:5分: 由 before names is who splits, not where a glide starts)
    if (named && Array.isArray(named.names) && named.names.length >= 2) {
      const before = next(named.end, -1, ['by', 'stop', 'filler', 'split', 'buffer'], 3);
      if (before >= 0 && (g[before] as W).t !== '由') k = before;
    }
    // (the tax from our joint park 70/30: "from" is a glide's start only in a text that speaks of a glide — 到/过渡到,
    // 过渡期, or "to" a ratio after it)
    if (k >= 0 && isW(g[k], 'from') && (g.some((x) => isW(x, 'till', 'buffer')) || g.slice(i + 1).some((x, n) => isW(x, 'to') && [1, 2, 3].some((d) => ['ratio', 'share'].includes(g[i + 1 + n + d]?.k ?? ''))))) return 'from';
    if (k >= 0 && isW(g[k], 'till')) return 'till';
    // English "from 90/10 to 60/40": `to` is read as a 'to' word
    if (k >= 0 && isW(g[k], 'to') && f.ratios.some((r) => r.role === 'from' && r.phase === phase)) return 'till';
    return 'main';
  };

  // 税收第一年500万第二年600万 / revenue was 2 million in year 1, 2.5 million in year 2: a year and its
  // amount side by side (Chinese: the year first; English: the amount first) give that year's amount;
  // such a year says nothing about the periods of the ratio
  const yearOfAmount = new Map<number, number>();
  const amountOfYear = new Map<number, number>();
  for (let i = 0; i < g.length; i++) {
    const t = g[i];
    if (t.k !== 'years' || t.pre !== '第' || t.to !== undefined) continue;
    const zh = /年/.test(t.raw);
    // (English "year 1 3 million, year 2 4 million" has the year first too)
    let k = next(i, zh ? 1 : -1, zh ? ['revenue', 'filler', 'stop'] : ['filler', 'stop'], 2);
    // (in year 1 tax was 5 million: the year first, its amount after a few words)
    if (!zh && !(k >= 0 && g[k].k === 'money')) k = next(i, 1, ['filler', 'stop', 'revenue'], /^year/i.test(t.raw) ? 2 : 4);
    if (k >= 0 && g[k].k === 'money' && !amountOfYear.has(k)) {
      yearOfAmount.set(i, k);
      amountOfYear.set(k, t.n);
    }
  }
  // one year with an amount is a date of that amount only when another year has one too, or when the amount is said
  // to grow from it (2 million in year 1 and goes up by 500k each year)
  const growthSaid = g.some(isGrowthWord);
  if (amountOfYear.size < 2 && !(amountOfYear.size === 1 && growthSaid && [...amountOfYear.values()][0] === 1)) {
    yearOfAmount.clear();
    amountOfYear.clear();
  }
  // 四年收益分别是200万 250万 300万 / 税收依次1000万、1200万 / tax each year: 10m, 12m, 15m: a run of
  // amounts (nothing but list marks between them) after a per-year cue is the revenue of years 1…N
  const yearsOfRun = new Set<number>();
  if (!amountOfYear.size) for (const run of amountRuns()) run.forEach((k, n) => amountOfYear.set(k, n + 1));

  // 萧山在前，柯城在后 / sending area first: the order a bare ratio follows
  for (let i = 0; i < g.length; i++) {
    const a = g[i];
    if (a.k !== 'name' || !isW(g[i + 1], 'first')) continue;
    const k = next(i + 1, 1, ['stop', 'filler', 'and'], 2);
    const b = k >= 0 ? g[k] : g[i + 3];
    if (b?.k === 'name' && b.t !== a.t) f.lists.push([a.t, b.t]);
  }
  let orderMark: string[] | undefined;
  // （杭州为前者）/ (Jinhua gets the first number): one party's place in the ratio, the other party after or before it
  for (let i = 0; i < g.length; i++) {
    const a = g[i];
    if (a.k !== 'name') continue;
    // ((Kaihua County first, Ningbo second): the English word alone right after the name, closing its clause)
    const word = g[i + 1]?.k === 'w' && /^(?:first|second)$/i.test((g[i + 1] as W).t) && (g[i + 2] === undefined || g[i + 2].k === 'sep') ? (g[i + 1] as W).t.toLowerCase() : undefined;
    const k = word ? i + 1 : next(i, 1, ['take', 'stop', 'filler'], 2);
    if (!word && (k < 0 || !isW(g[k], 'first', 'second') || g[k + 1]?.k === 'name' || next(k, 1, ['stop', 'filler', 'and'], 2) >= 0)) continue;
    const others = [...new Set(g.filter((x) => x.k === 'name' && x.t !== a.t && x.strong).map((x) => (x as { t: string }).t))];
    if (others.length === 1) f.lists.unshift((orderMark = (word ? word === 'first' : isW(g[k], 'first')) ? [a.t, others[0]] : [others[0], a.t]));
  }
  for (let i = 0; i < g.length; i++) {
    if (g[i].k !== 'name' || isW(g[i - 1], 'and')) continue;
    const l = listAt(i, 1);
    if (l && Array.isArray(l.names) && l.names.length >= 2) f.lists.push(l.names);
  }
  g.forEach((t, i) => {
    if (t.k !== 'name') return;
    // (the county and the city: an article may stand between the list word and the name)
    const article = isW(g[i - 1], 'filler') && /^(?:the|a|an)$/i.test((g[i - 1] as W).t);
    const listed = isW(g[i - 1], 'and') || (article && isW(g[i - 2], 'and') && g[i - 3]?.k === 'name') || isW(g[i + 1], 'and') || isW(g[i + 1], 'first', 'second');
    const m = f.mentions.find((x) => x.name === t.t);
    if (!m) f.mentions.push({ name: t.t, strong: t.strong, listed });
    else m.listed ||= listed;
  });

  // 飞出地为衢州，飞入地为杭州 / 衢州是飞出地: the role is that place
  g.forEach((t, i) => {
    const b = g[i + 1];
    const c = g[i + 2];
    if (t.k !== 'name' || !isW(b, 'take', 'stop', 'filler') || !/^(?:为|是|即|is)$/i.test((b as W).t) || c?.k !== 'name') return;
    const [role, place] = ROLE_PAIR.has(t.t) ? [t.t, c.t] : ROLE_PAIR.has(c.t) ? [c.t, t.t] : [];
    if (role && place && !ROLE_PAIR.has(place) && !(g[i + 3]?.k === 'share' || g[i + 3]?.k === 'num')) f.aliases[role] = place;
  });
  // 由飞出地景宁县与飞入地宁波市按六四分成: a role said right before a place names one party, not two
  // (飞出地 70% 杭州 30% stays two: the role has its share before the next name)
  g.forEach((t, i) => {
    // (前两年飞出地青田分八成: names typed together were cut into a list, 飞出地、青田, when the second is a known place)
    const glued = isW(g[i + 1], 'and') && (g[i + 1] as W).t === '、' && g[i + 2]?.k === 'name' && !!placeNamed((g[i + 2] as { t: string }).t);
    const c = g[i + (glued ? 2 : 1)];
    if (t.k !== 'name' || !ROLE_PAIR.has(t.t) || f.aliases[t.t] || c?.k !== 'name' || !c.strong || ROLE_PAIR.has(c.t)) return;
    if (g.some((x, j) => j !== i && x.k === 'name' && x.t === t.t)) return;
    f.aliases[t.t] = c.t;
  });

  // 龙游县和杭州拱墅区…，龙游是飞出地: with two places named and one role said to be one of them, the other role is the other
  const places = [...new Set(g.filter((t) => t.k === 'name' && t.strong && !ROLE_PAIR.has(t.t)).map((t) => (t as { t: string }).t))];
  for (const [a, b] of [['飞出地', '飞入地'], ['飞入地', '飞出地'], ['sending area', 'receiving area'], ['receiving area', 'sending area']])
    if (places.length === 2 && f.aliases[a] && !f.aliases[b] && places.includes(f.aliases[a]) && g.some((t) => t.k === 'name' && t.t === b)) f.aliases[b] = places.find((x) => x !== f.aliases[a])!;
  f.kindWord = (g.find((t) => t.k === 'w' && PLACE_KIND.test(t.t)) as W | undefined)?.t;
  for (let i = 0; i < g.length; i++) {
    const t = g[i];
    if (t.k === 'name') continue;
    // 从8:2过渡到5:5（第一年8:2，第五年5:5）: a glide's start or target said again at its year restates it
    if (t.k === 'years' && t.pre === '第' && t.to === undefined) {
      // (so year 1 is 90/10: a linking word may stand between the year and what it restates)
      // (第1年按8:2: or by 按/为)
      const linked = (isW(g[i + 1], 'filler') && /^(?:is|=|was|will be)$/i.test((g[i + 1] as W).t)) || (isW(g[i + 1], 'by') && /^(?:按|为|是)$/.test((g[i + 1] as W).t)) ? 1 : 0;
      const r = g[i + 1 + linked];
      // (（第1年80%，第5年50%）/ (year 1 = 80%, year 4 = 50%): the glide's party's part said again, as a lone share)
      // (第1年60%第5年40%: the restated ends may run on one after the other)
      const after = g[i + 2 + linked];
      const lonePart = (x: RatioFact) => r?.k === 'share' && r.form !== 'plain' && x.form === r.form && !!x.vs && x.vs[0].cmp(r.v) === 0 && (after?.k === 'sep' || after === undefined || after.k === 'years' || isW(after, 'and'));
      const glideEnd = f.ratios.some((x) => (x.role === 'from' || x.role === 'till') && x.phase === phase && ((r?.k === 'ratio' && x.vs?.length === r.vs.length && x.vs.every((v, n) => v.cmp(r.vs[n]) === 0)) || lonePart(x)));
      if (glideEnd) {
        i += 1 + linked;
        continue;
      }
    }
    if (t.k === 'w' && t.cat !== 'even') {
      switch (t.cat) {
        case 'revenue':
          // 收入 / 收益 keep the word as written; the others have one usual label
          f.indicator ??= /^(?:收入|收益|总收入|总收益|净收益)$/.test(t.t) ? t.t : INDICATORS.find(([re]) => re.test(t.t))?.[1];
          break;
        case 'each':
          f.perYear = true;
          break;
        case 'byContrib':
          f.byContrib = true;
          break;
        case 'contrib':
        case 'floor': {
          // 杭州也出了地 / 村集体保底 (no amount or share in the clause): the contribution or floor is there but its value is not
          const [cs, ce] = clauseOf[i];
          if (g.slice(cs, ce).some((x) => x.k === 'money' || x.k === 'num' || x.k === 'share' || x.k === 'ratio')) break;
          // (飞出地要保底: a wish before the floor word; 要/得 are read as taking)
          const who = next(i, -1, ['stop', 'filler', 'by', ...(t.cat === 'floor' ? (['take'] as Cat[]) : [])], 3);
          // (floors only by 保底/兜底: English floor cues such as "is paid" also introduce the rest)
          if (who >= 0 && g[who].k === 'name' && (t.cat === 'contrib' || /^(?:保底|兜底)/.test(t.t))) {
            (t.cat === 'contrib' ? f.contribWithoutAmount : f.floorWithoutAmount).push({ party: (g[who] as { t: string }).t, cue: t.t });
            if (t.cat === 'contrib') unvaluedContrib = { party: (g[who] as { t: string }).t, clauseEnd: ce };
          }
          break;
        }
        case 'whole': {
          // 全归飞出地 / Quzhou takes everything: the whole to one party in this period
          // (其余都归运营公司: after 其余 it is all of the rest, read there)
          if (isW(g[next(i, -1, ['stop', 'filler'], 2)], 'rest')) break;
          const r = next(i, 1, ['stop', 'filler', 'to'], 2);
          const l = next(i, -1, ['stop', 'filler', 'take', 'revenue'], 3);
          const who = r >= 0 && g[r].k === 'name' ? g[r] : l >= 0 && g[l].k === 'name' ? g[l] : undefined;
          // 拿全部的八成: a share of the whole, not the whole; 基数 300 万全部归飞入地: all of that amount
          const after = next(i, 1, ['stop', 'filler'], 2);
          if (after >= 0 && (g[after].k === 'share' || g[after].k === 'ratio')) break;
          const before = next(i, -1, ['stop', 'filler'], 2);
          if (before >= 0 && (g[before].k === 'money' || isW(g[before], 'baseline'))) break;
          if (who && who.k === 'name') pushShare(i, { party: who.t, v: Q.int(100), form: 'pct', phase, raw: t.t });
          break;
        }
        case 'baseline': {
          // 基数归飞入地 (the amount said elsewhere)
          // 基数部分全归武义县: 全归 says the same as 归
          const k = next(i, 1, ['to', 'stop', 'filler', 'whole'], 3);
          if (k >= 0 && g[k].k === 'name' && g.slice(i + 1, k).some((x) => isW(x, 'to', 'whole'))) f.baselineOwner ??= (g[k] as { t: string }).t;
          break;
        }
        case 'take': {
          // 运营公司先提管理费，剩下的… / the operator takes a fee first: taken first, but how much is not said — asked for, never 0
          const [cs, ce] = clauseOf[i];
          const restAt = g.findIndex((x, k) => k > i && isW(x, 'rest'));
          // (what the clause says up to the rest: the ratio after 'and the rest is split 70/30' is the rest's)
          const upTo = restAt >= 0 && restAt < ce ? restAt : ce;
          if (g.slice(cs, upTo).some((x) => x.k === 'money' || x.k === 'num' || x.k === 'share' || x.k === 'ratio')) break;
          if (!takenFirst(i) || restAt < 0) break;
          const who = next(i, -1, ['stop', 'filler'], 2);
          if (who >= 0 && g[who].k === 'name') f.floorWithoutAmount.push({ party: (g[who] as { t: string }).t, cue: t.t });
          break;
        }
        case 'both':
          f.saysBoth = true;
          break;
        case 'vague':
          f.vague = true;
          break;
        case 'buffer':
          // (rising later, 后面逐步降低: a glide verb with no figure is the vague case below; other buffer words are read elsewhere)
          if (!/^[a-z]/i.test(t.t) || /^(?:in between|halfway|half way|midway|in the middle)$/i.test(t.t)) break;
        // falls through
        case 'step':
        case 'larger':
        case 'smaller': {
          // 前三年拿三成，之后多拿一些 / 30% for the first three years and then more after that: a later period said only to be
          // more or less, with no figure after it, leaves that period's share unsaid (asked for, never guessed)
          const [, ce] = clauseOf[i];
          const afterWord = (k: number) => k >= 0 && isW(g[k], 'after');
          const before = next(i, -1, ['stop', 'filler'], 1);
          const figureAfter = g.slice(i + 1, ce).some((x) => x.k === 'share' || x.k === 'ratio' || x.k === 'num' || x.k === 'money' || isW(x, 'even')) || (before >= 0 && g[before].k === 'share');
          if ((afterWord(next(i, -1, ['stop', 'filler', 'take', 'and', 'rest', 'buffer'], 3)) || afterWord(next(i, 1, ['stop', 'filler'], 1))) && !figureAfter && (f.shares.length || f.ratios.length)) {
            f.vagueLater ??= t.t;
            break;
          }
          if (t.cat === 'step' || t.cat === 'buffer') break;
          // 杭州多拿 / Hangzhou gets the bigger part (a bare "more" only right after a take word: gets more)
          const take = next(i, -1, ['stop', 'filler'], 2);
          if (/^(?:more|less)$/i.test(t.t) && !(take >= 0 && isW(g[take], 'take'))) break;
          const who = next(i, -1, ['take', 'stop', 'filler'], 3);
          if (who >= 0 && g[who].k === 'name') f.sizeOf[(g[who] as { t: string }).t] = t.cat;
          break;
        }
        case 'undecided':
          f.undecided = true;
          break;
        case 'after': {
          const y = g[i + 1];
          if (y?.k === 'years' && y.pre === '') {
            // after 3 years / 之后3年
            if (cur().years === undefined && phaseHasFacts()) {
              cur().years = y.n;
              openPhase();
            } else if (cur().years !== undefined || f.phased) {
              if (phaseHasFacts() || cur().years !== undefined) openPhase();
              cur().years = y.n;
            }
            i += 1;
            break;
          }
          const prev = g[i - 1];
          const opened = prev?.k === 'years' && prev.pre === '第';
          // "… and 60% after that": the time phrase follows the share it governs
          const [cs, ce] = clauseOf[i];
          const trailing = next(i, 1, ['filler', 'stop'], 2) < 0 && i + 1 <= ce;
          const lastFact = lastFactAt >= cs && lastFactAt < i ? lastFactRef : undefined;
          if (trailing && lastFact && (f.phased || cur().years !== undefined) && factsInPhaseBefore(lastFact)) {
            openPhase();
            lastFact.phase = phase;
            // "and 60% after that": the earlier subject's share in the new period
            if ('party' in lastFact && !lastFact.party) lastFact.party = [...f.shares].reverse().find((x) => x.party && x !== lastFact)?.party ?? '';
            break;
          }
          if (!opened && (f.phased || cur().years !== undefined) && phaseHasFacts()) openPhase();
          break;
        }
        case 'rest': {
          f.saysRest = true;
          // 其余归 Y / 剩下的给 Y / Y 拿剩下的 / the rest to Y / Y gets the rest
          const k = next(i, 1, ['filler', 'stop', 'to', 'take', 'from', 'whole'], 3);
          const hasTo = k > i + 1 && g.slice(i + 1, k).some((x) => isW(x as GTok, 'to', 'take', 'from', 'whole'));
          if (k >= 0 && g[k].k === 'name' && (hasTo || g[k + 1]?.k === 'sep' || k + 1 >= (clauseOf[i]?.[1] ?? 0)) && !isRatioNear(k)) {
            pushShare(i, { party: g[k].t as string, form: 'pct', phase, raw: `${t.t}→${(g[k] as { t: string }).t}` });
            break;
          }
          // 剩下的衢州杭州按比例分: the parties that share what is left, by the ratio said before
          const list = k >= 0 && g[k].k === 'name' ? listAt(k, 1) : undefined;
          if (list && Array.isArray(list.names) && list.names.length >= 2) f.restParties = list.names;
          const b = next(i, -1, ['take', 'filler', 'stop', 'to'], 3);
          if (b >= 0 && g[b].k === 'name' && g.slice(b + 1, i).some((x) => isW(x, 'take', 'to')))
            pushShare(i, { party: (g[b] as { t: string }).t, form: 'pct', phase, raw: `${(g[b] as { t: string }).t}←${t.t}` });
          break;
        }
      }
      continue;
    }
    if (t.k === 'sep') continue;

    if (t.k === 'share' || (t.k === 'num' && isPlainShare(i))) {
      // 以后每年增长10%: a growth rate of the revenue, never a party's share
      const grows = next(i, -1, ['stop', 'filler', 'each', 'by'], 2);
      if (grows >= 0 && (g[grows].k === 'w' || g[grows].k === 'name') && GROWTH.test((g[grows] as { t: string }).t)) {
        const word = (g[grows] as { t: string }).t;
        f.growth ??= `${word}${/[a-z]$/i.test(word) ? ' ' : ''}${t.raw}`;
        continue;
      }
      const v = t.v;
      const form: ShareForm = t.k === 'share' ? t.form : 'plain';
      const raw = t.raw;
      // 每年降一成 / 逐年下降10个百分点 / drops by 10 points each year: the step of a glide, not a party's share
      const verb = next(i, -1, ['stop', 'filler', 'by'], 2);
      const wordAt = (k: number) => (k >= 0 && g[k].k === 'w' ? (g[k] as W) : undefined);
      const yearly = (k: number) => {
        const w = wordAt(k);
        return !!w && (w.cat === 'each' || /^(?:逐年|每一年|each year|every year|a year|per year|year by year)$/i.test(w.t) || (w.cat === 'buffer' && /\b(?:each|every|per|by)\s+year$|year by year$/i.test(w.t)));
      };
      const vw = wordAt(verb);
      const stepVerb = !!vw && (vw.cat === 'step' || STEP_VERB.test(vw.t) || (vw.cat === 'buffer' && /^[a-z]/i.test(vw.t) && !/^(?:in between|halfway|half way|midway|in the middle)$/i.test(vw.t)) || (vw.cat === 'take' && EN_MOVE.test(vw.t)) || vw.cat === 'larger' || vw.cat === 'smaller');
      // (10 percentage points less each year: English says the direction after the figure)
      const after = wordAt(next(i, 1, ['stop', 'filler'], 1));
      if (t.k === 'share' && after && (after.cat === 'larger' || after.cat === 'smaller') && /^(?:more|less|lower|higher)$/i.test(after.t) && yearly(next(i, 1, ['stop', 'filler'], 1) + 1)) {
        f.glideStep ??= { v, form, raw, dir: after.cat === 'smaller' || /^lower$/i.test(after.t) ? -1 : 1 };
        continue;
      }
      if (t.k === 'share' && stepVerb && (yearly(verb) || yearly(next(verb, -1, ['stop', 'filler'], 1)) || yearly(next(i, 1, ['stop', 'filler'], 1)))) {
        f.glideStep ??= { v, form, raw, dir: vw!.cat === 'smaller' || DOWN_STEP.test(vw!.t) || /^(?:drop|fall|fell|decl|decreas|go(?:es|ing)? down|went down|com(?:e|es|ing) down|came down|step(?:s|ping|ped)? down|taper|slid|ramp(?:s|ing|ed)? down|reduc|shr|lower)/i.test(vw!.t) ? -1 : 1 };
        continue;
      }
      // 飞出地每年分别拿八成、七成、六成 / 前三年飞出地依次拿90%、80%、70%: a run of shares after one party and a per-year
      // cue is that party's share year by year, each a period of one year from the current one
      const run = [i];
      for (let k = i + 1; k + 1 < g.length && g[k + 1].k === 'share' && (isW(g[k], 'and') || (g[k].k === 'sep' && (g[k] as { comma?: boolean }).comma)); k += 2) run.push(k + 1);
      const [runClause] = clauseOf[i];
      const said = g.slice(runClause, i);
      const runOwners = [...new Set(said.filter((x) => x.k === 'name').map((x) => (x as { t: string }).t))];
      if (t.k === 'share' && run.length >= 2 && runOwners.length === 1 && said.some((x) => x.k === 'w' && (x.cat === 'each' || PER_YEAR_CUE.test(x.t))) && run.every((k) => (g[k] as { form: ShareForm }).form === form)) {
        if (phaseHasFacts()) openPhase();
        const first = cur().start ?? 1 + f.phases.slice(0, phase).reduce((a, p) => a + (p.years ?? 0), 0);
        run.forEach((k, n) => {
          if (n) openPhase();
          cur().start = first + n;
          cur().years = 1;
          const x = g[k] as Extract<GTok, { k: 'share' }>;
          pushShare(k, { party: runOwners[0], v: x.v, form: x.form, phase, raw: x.raw });
        });
        f.phased = true;
        i = run[run.length - 1];
        continue;
      }
      // 之后多拿两成 / 以后少拿一成 / then 10 points more: in a later period, a share after more or less is the change from the period before
      const cmpAt = next(i, -1, ['take', 'stop', 'filler'], 2);
      const cmp = wordAt(cmpAt);
      if (phase > 0 && t.k === 'share' && cmp && (cmp.cat === 'larger' || cmp.cat === 'smaller' || cmp.cat === 'step') && !/^(?:the|较)/i.test(cmp.t))
        deltaAt.set(i, cmp.cat === 'smaller' || (cmp.cat === 'step' && DOWN_STEP.test(cmp.t)) ? -1 : 1);
      // (English says it after: 10 points less after that, 20% more from year 4)
      const cmpAfter = wordAt(next(i, 1, ['stop', 'filler'], 1));
      if (t.k === 'share' && cmpAfter && /^(?:more|less|lower|higher)$/i.test(cmpAfter.t)) deltaAt.set(i, /^(?:less|lower)$/i.test(cmpAfter.t) ? -1 : 1);
      // 开化拿六成还是四成？: two shares offered as alternatives are a question, not an agreement
      const alt = g[i - 1];
      if (alt?.k === 'w' && /^(?:还是|或是|or)$/i.test(alt.t) && (g[i - 2]?.k === 'share' || g[i - 2]?.k === 'ratio')) {
        f.undecided = true;
        continue;
      }
      // 由飞出地 90% 飞入地 10% 过渡到…: named starting shares of a glide make the starting ratio
      const side = glideSide(i);
      const owner = next(i, -1, ['take', 'stop', 'filler'], 2);
      if (side === 'from' && owner >= 0 && g[owner].k === 'name') {
        const name = (g[owner] as { t: string }).t;
        let from = f.ratios.find((r) => r.role === 'from' && r.phase === phase && Array.isArray(r.parties));
        if (!from) pushRatio(i, (from = { vs: [], form, parties: [], phase, rest: false, role: 'from', raw: '' }));
        (from.parties as string[]).push(name);
        from.vs!.push(v);
        from.raw = from.raw ? `${from.raw} ${raw}` : raw;
        continue;
      }
      // Sending area 90% in year 1, going down by 10% each year to 60%: the target after a yearly step is the subject's
      // share in a later period (the step runs from one to the other)
      const stepTarget = next(i, -1, ['stop', 'filler'], 1);
      const stepSubject = [...f.shares].reverse().find((x) => x.party && x.v !== undefined)?.party;
      if (f.glideStep && stepTarget >= 0 && isW(g[stepTarget], 'to', 'till') && stepSubject && !f.ratios.some((r) => r.role === 'from') && t.k === 'share') {
        if (phaseHasFacts()) openPhase();
        pushShare(i, { party: stepSubject, v, form, phase, raw });
        continue;
      }
      // 从 90% 过渡到 60%: a lone percentage in a glide is the first party's part of a two-way ratio
      // (从第一年70%降到第四年40%: the year of a glide's end stands between its word and its share)
      let fromTill = next(i, -1, ['stop', 'filler', 'buffer'], 2);
      if (fromTill >= 0 && isGlideEndYear(fromTill)) fromTill = next(fromTill, -1, ['stop', 'filler', 'buffer'], 2);
      // 由飞出地七成逐年过渡到飞出地四成: the glide's own party said again between the target word and its share
      const startOf = (name: string) => f.ratios.some((r) => r.role === 'from' && r.phase === phase && (r.lead === name || (Array.isArray(r.parties) && r.parties.length === 1 && r.parties[0] === name)));
      if (fromTill > 0 && g[fromTill].k === 'name' && isW(g[fromTill - 1], 'till') && startOf((g[fromTill] as { t: string }).t)) fromTill -= 1;
      const englishTo = fromTill >= 0 && isW(g[fromTill], 'to') && f.ratios.some((r) => r.role === 'from' && r.phase === phase);
      // 从七成过渡到四成: the same in tenths
      const scale = t.k === 'share' && t.form === 'pct' ? Q.int(100) : t.k === 'share' && t.form === 'cheng' ? Q.int(10) : undefined;
      // (by year 3 it is down to 40%: a target with no start in its clause or period is the subject's share then)
      const targetAlone = isW(g[fromTill], 'till') && !g.slice(clauseOf[i][0], i).some((x) => isW(x, 'from')) && !f.ratios.some((r) => r.role === 'from' && r.phase === phase) && !!f.shares.some((x) => x.party && x.v !== undefined);
      if (scale && fromTill >= 0 && (isW(g[fromTill], 'from', 'till') || englishTo) && !t.v.gt(scale) && !targetAlone) {
        // the party it belongs to, when named: 飞入地从 10% 过渡到 40% / the sending area goes from 100% to 60%
        const fromAt = isW(g[fromTill], 'from') ? fromTill : [...g.slice(clauseOf[i][0], fromTill).keys()].map((k) => k + clauseOf[i][0]).reverse().find((k) => isW(g[k], 'from'));
        const who = fromAt !== undefined ? next(fromAt, -1, ['take', 'stop', 'filler', 'buffer', 'each', 'split'], 3) : -1;
        const lead = who >= 0 && g[who].k === 'name' ? (g[who] as { t: string }).t : undefined;
        pushRatio(i, { vs: [t.v, scale.sub(t.v)], form, phase, rest: false, role: isW(g[fromTill], 'from') ? 'from' : 'till', raw, ...(lead ? { lead } : {}) });
        if (englishTo && !lead) f.ratios[f.ratios.length - 1].lead = f.ratios.find((r) => r.role === 'from' && r.phase === phase)?.lead;
        continue;
      }
      // (the investor is guaranteed 20% off the top: a guaranteed percentage is the party's own share;
      // 平台公司按总收益的6%提取: a share of what is split is still its party's)
      const l = next(i, -1, ['take', 'by', 'stop', 'filler', 'contrib', 'split', 'whole', 'floor', 'revenue'], 3);
      const left = l >= 0 ? listAt(l, -1) : undefined;
      // 七成归杭州 三成归衢州: a name that is what an earlier share went to (归杭州) is not the owner of the
      // share after it when that share goes to a name of its own
      const ownTo = next(i, 1, ['filler', 'stop'], 1);
      const ownTaker = ownTo >= 0 && isW(g[ownTo], 'to') ? next(ownTo, 1, ['filler', 'stop'], 1) : -1;
      // (给义乌六成 武义四成: a name after 给 that opens its clause is the one getting the share after it, not an object of a share before)
      const toBefore = left ? next(left.end, -1, ['filler', 'stop'], 1) : -1;
      const leftIsObject = !!left && g.slice(l + 1, i).every((x) => isW(x, 'filler')) && isW(g[toBefore], 'to') && g[next(toBefore, -1, ['filler', 'stop'], 1)]?.k === 'share';
      // (按收益的5%先行提取给管委会: across what is split, the name the share is given to wins over a name before it)
      const giveTo = next(i, 1, ['filler', 'stop', 'take', 'revenue'], 3);
      const givenTo = giveTo >= 0 && isW(g[giveTo], 'to') ? next(giveTo, 1, ['filler', 'stop'], 1) : -1;
      if (givenTo >= 0 && g[givenTo].k === 'name' && (l < 0 || g.slice(l + 1, i).some((x) => isW(x, 'revenue')))) {
        pushShare(i, { party: (g[givenTo] as { t: string }).t, v, form, phase, raw });
        i = givenTo;
        continue;
      }
      if (leftIsObject && ownTaker >= 0 && g[ownTaker].k === 'name') {
        pushShare(i, { party: (g[ownTaker] as { t: string }).t, v, form, phase, raw });
        i = ownTaker;
        continue;
      }
      // 7成归阿克苏 3成嘉兴: after a share given to a name, the next share's name may simply follow it
      const nameAfter = next(i, 1, ['filler', 'stop'], 1);
      if (leftIsObject && nameAfter >= 0 && g[nameAfter].k === 'name' && (g[nameAfter] as { strong: boolean }).strong) {
        pushShare(i, { party: (g[nameAfter] as { t: string }).t, v, form, phase, raw });
        i = nameAfter;
        continue;
      }
      if (left && left.names !== 'all') {
        for (const name of left.names) pushShare(i, { party: name, v, form, phase, raw });
        continue;
      }
      if (left?.names === 'all') {
        pushRatio(i, { vs: null, form, parties: 'all', phase, rest: restIn(i), role: 'main', raw });
        continue;
      }
      // (5%先行提取给管委会: a take word may stand between the share and the word that gives it)
      const r = next(i, 1, ['to', 'filler', 'stop', 'take'], 3);
      if (r >= 0 && g[r].k === 'name' && g.slice(i + 1, r).some((x) => isW(x, 'to'))) {
        pushShare(i, { party: (g[r] as { t: string }).t, v, form, phase, raw });
        i = r;
        continue;
      }
      // 前3年飞出地拿90%，第4年起降为60%: a later period's share without a name keeps the earlier subject
      const [cs, ce] = clauseOf[i];
      const namesBefore = [...new Set(g.slice(cs, i).filter((x) => x.k === 'name').map((x) => (x as { t: string }).t))];
      if (namesBefore.length === 1 && !g.slice(i + 1, ce).some((x) => x.k === 'name') && !f.shares.some((x) => x.phase === phase && x.party === namesBefore[0])) {
        pushShare(i, { party: namesBefore[0], v, form, phase, raw });
        continue;
      }
      const subject = [...f.shares].reverse().find((x) => x.party && x.v !== undefined)?.party;
      const clauseHasName = g.slice(cs, ce).some((x) => x.k === 'name');
      // (前两年村集体拿三成 之后拿两成 …: a share right after 之后/then is the subject's, whatever the rest of the clause names)
      const rightAfterThen = isW(g[next(i, -1, ['take', 'stop', 'filler', 'larger', 'smaller', 'step'], 3)], 'after');
      if (subject && (!clauseHasName || rightAfterThen) && phase > 0 && !f.shares.some((x) => x.phase === phase && x.party === subject)) {
        pushShare(i, { party: subject, v, form, phase, raw });
        continue;
      }
      // 30%飞入地，70%飞出地 / 30% receiving, 70% sending: a share that opens its clause, the only one
      // there, with a name right after it is that name's
      const opener = next(i, 1, ['filler', 'stop'], 1);
      const onlyFigure = !g.slice(cs, ce).some((x, k) => cs + k !== i && (x.k === 'share' || x.k === 'ratio'));
      if (!clauseHasName || (onlyFigure && opener >= 0 && g[opener].k === 'name' && !g.slice(cs, i).some((x) => x.k === 'name') && g.slice(cs, ce).filter((x) => x.k === 'name').length === 1)) {
        if (clauseHasName) {
          pushShare(i, { party: (g[opener] as { t: string }).t, v, form, phase, raw });
          i = opener;
          continue;
        }
      }
      pushShare(i, { party: '', v, form, phase, raw });
      continue;
    }
    if (t.k === 'ratio' || isW(t, 'even')) {
      const vs = t.k === 'ratio' ? t.vs : null;
      const form: ShareForm = t.k === 'ratio' ? t.form : 'plain';
      const raw = t.k === 'ratio' ? t.raw : (t as W).t;
      const role = ratioRole(i);
      // (A and B split the tax 30/70: what is split may stand between the list and its ratio; Kaihua and Changshan then
      // split what is left 2:1: so may 'then')
      let l = next(i, -1, ['by', 'split', 'stop', 'filler', 'rest', 'excess', 'revenue', 'each'], 3);
      if (l >= 0 && isW(g[l], 'after') && /^then$/i.test((g[l] as W).t)) l = next(l, -1, ['stop', 'filler'], 1);
      const left = l >= 0 ? listAt(l, -1) : undefined;
      const r = next(i, 1, ['split', 'to', 'stop', 'filler', 'by'], 3);
      // (a lone name before the ratio is no list of it: the list after it may be)
      const leftIsList = !!left && (left.names === 'all' || left.names.length >= 2);
      const right = !leftIsList && r >= 0 ? listAt(r, 1) : undefined;
      // (从飞入地:飞出地=1:9过渡到4:6: a glide's target is in the order its start named)
      const start = role === 'till' ? [...f.ratios].reverse().find((x) => x.role === 'from' && x.phase === phase && Array.isArray(x.parties) && x.parties.length === vs?.length) : undefined;
      const parties = (leftIsList || !right ? left?.names : undefined) ?? right?.names ?? start?.parties;
      const count = (left ?? right)?.count;
      pushRatio(i, { vs, form, parties: parties && (parties === 'all' || parties.length >= 2) ? parties : undefined, phase, rest: restIn(i), role, raw, ...(count ? { count } : {}) });
      if (right) i = right.end;
      continue;
    }
    if (t.k === 'years' && (yearOfAmount.has(i) || yearsOfRun.has(i))) {
      if (yearsOfRun.has(i) && t.to === undefined) f.span ??= t.n;
      continue;
    }
    if (t.k === 'years' && isGlideEndYear(i)) {
      // 从第一年70%降到第四年40%: the year the glide reaches its target is the buffer's length
      if (t.n > 1 && isW(g[next(i, -1, ['stop', 'filler', 'buffer'], 2)], 'till')) f.buffer ??= t.n;
      continue;
    }
    if (t.k === 'years' && t.pre === '第' && t.to === undefined && !clauseHasTerms(i) && isW(g[next(i, 1, ['filler', 'stop', 'take', 'by'], 2)], 'buffer')) {
      // 第二年取中间 / in year 2 it is halfway: a year said to lie between a glide's ends is one of its years, not a period
      middleYear = t.n;
      continue;
    }
    if (t.k === 'years') {
      const prevK = next(i, -1, ['filler', 'stop'], 2);
      const prev = prevK >= 0 ? g[prevK] : undefined;
      // 帮我列前5年 / show me years 1 to 4: the first N years, said after every share and ratio in a clause
      // of their own, are the years to compute, not a period of the agreement
      // (years 1 to 3 said last needs no period before it: with one ratio throughout, it is still the years to show)
      const horizon = (t.pre === '前' || (t.pre === '第' && t.n === 1 && t.to !== undefined)) && (f.phased || (t.pre === '第' && phaseHasFacts())) && !clauseHasTerms(i) && !g.slice(i + 1).some((x) => x.k === 'share' || x.k === 'ratio' || isW(x, 'even'));
      if (horizon) {
        f.span = t.to ?? t.n;
      } else if (t.pre === '前' && prev && isW(prev, 'span')) {
        // 算前四年的: the years computed, not a first period
        f.span = t.n;
      } else if (t.pre === '前') {
        // "Quzhou gets 90% for the first 3 years": a first period said after its shares keeps them
        if (cur().years !== undefined || cur().start !== undefined || (phaseHasFacts() && phase > 0)) openPhase();
        cur().years = t.n;
        cur().start = 1;
        f.phased = true;
      } else if (t.pre === '后') {
        if (cur().years !== undefined || phaseHasFacts()) openPhase();
        cur().years = t.n;
        f.phased = true;
      } else if (t.pre === '第' && t.to !== undefined && !/年/.test(t.raw) && lastFactRef && lastFactAt >= clauseOf[i][0] && lastFactAt < i) {
        // "the sending area takes 70% in years 1-3 and 50% from year 4": the range follows the share it governs
        const fact = lastFactRef;
        if (factsInPhaseBefore(fact) || cur().start !== undefined || cur().years !== undefined) {
          openPhase();
          fact.phase = phase;
        }
        cur().start = t.n;
        cur().years = t.to - t.n + 1;
        f.phased = true;
      } else if (t.pre === '第' && t.to !== undefined) {
        // 第三年到第五年 / years 4-5: a period with its own start and length
        const before = f.phases.slice(0, phase).reduce((a, p) => a + (p.years ?? 0), 0);
        if (phaseHasFacts() || cur().years !== undefined) {
          if (cur().years === undefined && cur().start === undefined && t.n - 1 - before >= 1) cur().years = t.n - 1 - before;
          openPhase();
        }
        cur().start = t.n;
        cur().years = t.to - t.n + 1;
        f.phased = true;
      } else if (t.pre === '第' && t.to === undefined && prev && isW(prev, 'till') && isW(g[next(prevK, -1, ['filler', 'stop'], 1)], 'span')) {
        // 算到第6年: the schedule runs up to that year
        f.span = t.n;
      } else if (t.pre === '第' && !/年/.test(t.raw) && lastFactRef && lastFactAt >= clauseOf[i][0] && lastFactAt < i && t.to === undefined && !governsWhatFollows(i)) {
        // "100% in year 1, 80% in year 2, 60% from year 3": the year follows the share it governs
        const fact = lastFactRef;
        if (factsInPhaseBefore(fact) || cur().start !== undefined) {
          openPhase();
          fact.phase = phase;
          if ('party' in fact && !fact.party) fact.party = [...f.shares].reverse().find((x) => x.party && x !== fact)?.party ?? '';
        }
        cur().start = t.n;
        f.phased = true;
      } else if (t.pre === '第') {
        const before = f.phases.slice(0, phase).reduce((a, p) => a + (p.years ?? 0), 0);
        if (phaseHasFacts()) {
          if (cur().years === undefined && cur().start === undefined && t.n - 1 - before >= 1) cur().years = t.n - 1 - before;
          openPhase();
        }
        cur().start = t.n;
        // 第4年起 / from year 4 on: a period from that year on (without it, a single year's ratio: 第4年45%)
        if (isW(g[i + 1], 'after') || isW(g[next(i, -1, ['filler', 'stop'], 1)], 'from')) cur().onward = true;
        f.phased = true;
      } else if (prev && prev.k === 'w' && /^for$/i.test(prev.t) && !(lastFactAt >= clauseOf[i][0] && lastFactAt < i) && phase === 0 && cur().years === undefined && !phaseHasFacts() && g.slice(i + 1).some((x) => isW(x, 'after'))) {
        // "For 2 years the sending area gets 70%, after that 50%": the first period
        cur().years = t.n;
        cur().start = 1;
        f.phased = true;
      } else if (prev && prev.k === 'w' && /^for$/i.test(prev.t) && lastFactAt >= clauseOf[i][0] && lastFactAt < i && lastFactRef?.phase === phase && cur().years === undefined && inClause(i, ['buffer']) < 0) {
        // 90/10 for two years, then 60/40 for three years
        cur().years = t.n;
        f.phased = true;
      } else if (prev && prev.k === 'w' && (prev.cat === 'span' || /^(?:for|over|across)$/i.test(prev.t))) {
        if (inClause(i, ['buffer']) >= 0 && f.buffer === undefined) f.buffer = t.n;
        else f.span = t.n;
      } else if (inClause(i, ['buffer']) >= 0 && f.buffer === undefined) {
        f.buffer = t.n;
      } else if (isW(g[i + 1], 'after')) {
        // 三年后 / 3年之后
        if (phaseHasFacts()) {
          cur().years ??= t.n;
          openPhase();
        } else if (phase > 0) f.phases[phase - 1].years ??= t.n;
        f.phased = true;
        i += 1;
      } else f.span ??= t.n;
      continue;
    }
    if (t.k === 'money' || t.k === 'num') {
      // 以后每年增加100万 / goes up by 500k each year: the revenue's yearly growth, never a total — refused below like a growth rate
      const grows = t.k === 'money' ? next(i, -1, ['stop', 'filler', 'each', 'by'], 3) : -1;
      if (grows >= 0 && isGrowthWord(g[grows])) {
        const word = (g[grows] as { t: string }).t;
        f.growth ??= `${word}${/[a-z]$/i.test(word) ? ' ' : ''}${t.raw}`;
        f.growthAdded ??= t.v;
        continue;
      }
      const m = moneyFact(i, t.v, t.raw);
      const year = amountOfYear.get(i);
      if (year !== undefined) {
        m.year = year;
        if (m.role === 'unknown') m.role = 'revenue';
      }
      // 税收 800 万和 600 万: amounts listed together are alternatives, not one total and a stray number
      // 900 万还是 1200 万: amounts offered as alternatives, the same
      const prevMoney = isW(g[i - 1], 'and') || (g[i - 1]?.k === 'w' && /^(?:还是|或是)$/.test((g[i - 1] as W).t)) ? g[i - 2] : undefined;
      if (prevMoney && (prevMoney.k === 'money') && f.money.length) {
        m.listedWith = true;
        f.money[f.money.length - 1].listedWith = true;
      }
      // 税收 800 万，但是财政局报的数是 860 万: a bare amount in a clause that contrasts with the total is another
      // figure for that total (two totals to choose from), not a stray number
      const [cs] = clauseOf[i];
      const lastRevenue = [...f.money].reverse().find((x) => x.role === 'revenue');
      // 税收 1200 万，哦不对，好像是 1500 万: a correction said just before the amount is another figure too (which one holds is asked)
      const said = g.slice(cs > 0 ? (clauseOf[cs - 1]?.[0] ?? cs) : cs, i).map((x) => (x.k === 'w' || x.k === 'name' ? x.t : ' ')).join('');
      if (m.role === 'unknown' && lastRevenue && lastRevenue.v.cmp(m.v) !== 0 && (g.slice(cs, i).some((x) => x.k === 'w' && CONTRAST.test(x.t)) || CORRECTION.test(said))) {
        m.listedWith = true;
        lastRevenue.listedWith = true;
      }
      if (m.role === 'floor' && g.slice(i + 1).some((x) => isW(x, 'rest'))) m.restAfter = true;
      f.money.push(m);
      continue;
    }
  }
  // Town A 5 million, Town B 3 million … split according to what each one put in: in a split by
  // contributions, an amount with nothing but a party's name before it is that party's contribution
  if (f.byContrib) for (const m of f.money) if (m.role === 'unknown' && m.named) Object.assign(m, { role: 'contrib', party: m.named, cue: '出资' });
  // 由飞出地七成逐年过渡到飞出地四成: one named party's part at a glide's start, with a two-way target, is that party's
  // side of a two-way start (as 飞出地由七成过渡到四成); it was a one-party ratio giving it everything
  for (const from of f.ratios) {
    const scale = from.form === 'pct' ? Q.int(100) : from.form === 'cheng' ? Q.int(10) : undefined;
    const till = f.ratios.find((r) => r.role === 'till' && r.phase === from.phase && !Array.isArray(r.parties) && r.vs?.length === 2);
    if (from.role !== 'from' || !scale || !till || !Array.isArray(from.parties) || from.parties.length !== 1 || from.vs?.length !== 1 || from.vs[0].gt(scale)) continue;
    const lead = from.parties[0];
    Object.assign(from, { vs: [from.vs[0], scale.sub(from.vs[0])], parties: undefined, lead });
    till.lead ??= lead;
  }
  // 由七三过渡到五五（衢州七、杭州三）/ 从8:2过渡到5:5（飞出地占8）: the parties' parts said beside a glide's start restate it and
  // say whose part is which; they are not a ratio of their own that would hold the whole schedule at the start
  const start = f.ratios.find((r) => r.role === 'from' && !r.parties && !r.lead && r.vs && r.vs.length >= 2);
  const said = start ? f.shares.filter((x) => x.phase === start.phase) : [];
  if (start && said.length > 0 && said.length === f.shares.length && said.every((x) => x.party && x.v && !x.rest && !x.delta && !x.first)) {
    const parts = start.vs!;
    const total = parts.reduce((a, b) => a.add(b), Q.ZERO);
    const sum = said.reduce((a, x) => a.add(x.v!), Q.ZERO);
    const restated =
      said.length === parts.length
        ? said.every((x, k) => x.v!.cmp(parts[k]) === 0 || x.v!.mul(total).cmp(parts[k].mul(sum)) === 0)
        : said.length === 1 && parts.length === 2 && said[0].form === 'plain' && parts[0].cmp(parts[1]) !== 0 && (said[0].v!.cmp(parts[0]) === 0 || (said[0].v!.cmp(parts[1]) === 0 && !!ROLE_OTHER[said[0].party]));
    if (restated) {
      // (（飞入地占1）of 9:1: the other role holds the first part)
      const names = said.length === 1 && said[0].v!.cmp(parts[0]) !== 0 ? [ROLE_OTHER[said[0].party]] : said.map((x) => x.party);
      for (const r of f.ratios) {
        if (r.phase !== start.phase || r.parties || r.lead || r.vs?.length !== parts.length || (r !== start && r.role !== 'till')) continue;
        if (names.length === parts.length) r.parties = names;
        else r.lead = names[0];
      }
      f.shares = [];
    }
  }
  // at a ratio of 7:4 (Lishui 7) / 按7:4分，丽水拿7: one party's bare part of the only ratio says whose part is which —
  // it is not a share of ten with the rest to the other party
  const only = f.ratios.length === 1 && f.ratios[0].role === 'main' && !f.ratios[0].parties && !f.ratios[0].lead ? f.ratios[0] : undefined;
  // (丽水拿剩下的那份 beside it: the other party's rest is the ratio's other part)
  const valued = f.shares.filter((x) => x.v !== undefined);
  const restOnly = f.shares.every((x) => x.v !== undefined || (x.party && x.party !== valued[0]?.party));
  const part = only && only.vs?.length === 2 && only.vs[0].cmp(only.vs[1]) !== 0 && valued.length === 1 && restOnly ? valued[0] : undefined;
  // (split 70/30, the sending area gets 70% / 七三分，飞出地拿七成: a part said as a percentage or in tenths is the same part)
  const partScale = part?.form === 'plain' ? undefined : part?.form === 'pct' ? Q.int(100) : part?.form === 'cheng' ? Q.int(10) : null;
  if (only && part && part.party && part.v && partScale !== null && !part.rest && !part.delta && !part.first && part.phase === only.phase) {
    const others = [...new Set(f.mentions.filter((m) => m.strong && m.name !== part.party).map((m) => m.name))];
    const other = ROLE_OTHER[part.party] ?? (others.length === 1 ? others[0] : undefined);
    const total = only.vs![0].add(only.vs![1]);
    const isPart = (p: Q) => (partScale ? part.v!.mul(total).cmp(p.mul(partScale)) === 0 : part.v!.cmp(p) === 0);
    const lead = isPart(only.vs![0]) ? part.party : isPart(only.vs![1]) ? other : undefined;
    // (a percentage or tenths alone already leaves the rest to the other party; said beside the other party named — with
    // its floor, say — the ratio is theirs, so that floor is a floor within it, not an amount paid first)
    const otherNamed = !!other && f.mentions.some((m) => m.name === other);
    if (lead && (!partScale || otherNamed)) {
      only.lead = lead;
      if (otherNamed) only.parties = lead === part.party ? [part.party, other!] : [other!, part.party];
      f.shares = [];
    }
  }
  // 按7:5分 宁波七 丽水五 / 按4:3:2:1分 飞出地4 飞入地3 村集体2 运营公司1: every party's bare part of the only ratio
  // restates it and says whose part is whose — they are not shares of ten of their own
  const restating = only && !only.lead && !only.parties && only.vs && f.shares.length === only.vs.length && f.shares.every((x) => x.party && x.v && !x.rest && !x.delta && !x.first && x.phase === only.phase) && new Set(f.shares.map((x) => x.party)).size === f.shares.length;
  if (restating) {
    const pool = [...f.shares];
    const names: string[] = [];
    for (const p of only.vs!) {
      const k = pool.findIndex((x) => x.v!.cmp(p) === 0);
      if (k < 0) break;
      names.push(pool[k].party);
      pool.splice(k, 1);
    }
    if (names.length === only.vs!.length) {
      only.parties = names;
      f.shares = [];
    }
  }
  // 杭州和遂昌七三分（遂昌为前者）: the marker overrides the order the two were listed in
  if (orderMark) for (const r of f.ratios) if (Array.isArray(r.parties) && r.parties.length === 2 && orderMark.every((n) => r.parties!.includes(n))) r.parties = orderMark.slice();
  orderPhases(f);
  // 第一年九成 第三年降到六成 第二年取中间: with no buffer length said, the glide runs from year 1 to the last year said
  const lastStart = f.phases[f.phases.length - 1]?.start;
  if (middleYear !== undefined && f.buffer === undefined && f.phases.length === 2 && f.phases[0].start === 1 && lastStart !== undefined && lastStart > middleYear) f.buffer = lastStart;
  projectGrowth(f);
  return f;

  /** "… and in year 3 it gets 50%": a year with a share after it in its clause (before another year) governs that share, not the one before it. */
  function governsWhatFollows(i: number): boolean {
    const [, ce] = clauseOf[i];
    for (let k = i + 1; k < ce; k++) {
      // (from 60% in year 1 to 40% in year 3: a glide's next end is not this year's)
      if (g[k].k === 'years' || isW(g[k], 'till', 'from', 'to')) return false;
      if (g[k].k === 'share' || g[k].k === 'ratio') return true;
    }
    return false;
  }

  /** The clause of token i says a share or a ratio. */
  function clauseHasTerms(i: number): boolean {
    const [cs, ce] = clauseOf[i];
    return g.slice(cs, ce).some((x) => x.k === 'share' || x.k === 'ratio' || isW(x, 'even'));
  }

  /** 从第一年70%降到第四年40%: a year (第N年) right after a glide's from/till word and right before its share. */
  function isGlideEndYear(k: number): boolean {
    const t = g[k];
    if (t?.k !== 'years' || t.pre !== '第' || t.to !== undefined) return false;
    const w = next(k, -1, ['stop', 'filler', 'buffer'], 2);
    const v = next(k, 1, ['stop', 'filler'], 1);
    return w >= 0 && isW(g[w], 'from', 'till') && v >= 0 && (g[v].k === 'share' || g[v].k === 'ratio') && glideSide(v) !== undefined;
  }

  /** Runs of two or more amounts with only list marks between them, each after a per-year cue in its clause. */
  function amountRuns(): number[][] {
    const runs: number[][] = [];
    for (let i = 0; i < g.length; i++) {
      if (g[i].k !== 'money') continue;
      const run = [i];
      let joinedByWord = false;
      for (let k = i + 1; k < g.length; k++) {
        const x = g[k];
        if (x.k === 'money') run.push(k);
        else if (isW(x, 'and') || (x.k === 'sep' && x.comma)) joinedByWord ||= x.k === 'w' && /^(?:和|与|及|或|或者|and|or)$/i.test(x.t);
        else break;
      }
      const last = run[run.length - 1];
      i = last;
      if (run.length < 2) continue;
      // the cue, a few words before the run or after it: 分别/依次/逐年/每年/each year, or the years themselves
      // (四年收益 … / in years 1-3: … / … over the 3 years, as many as the amounts)
      // (每年税收800万和600万: "every year" before two amounts joined by 和 says one amount a year, two figures for it)
      const cue = (x: GTok) => (x.k === 'years' && (((x.pre === '' || /^next\b/i.test(x.raw)) && x.n === run.length) || (x.pre === '第' && x.n === 1 && x.to === run.length))) || (x.k === 'w' && ((x.cat === 'each' && !(joinedByWord && run.length === 2)) || PER_YEAR_CUE.test(x.t)));
      const stops = (x: GTok) => x.k === 'sep' || x.k === 'money' || x.k === 'share' || x.k === 'ratio' || x.k === 'name';
      let cued = -1;
      for (let k = run[0] - 1, n = 0; k >= 0 && n < 5 && cued < 0 && !stops(g[k]); k--, n++) if (cue(g[k])) cued = k;
      for (let k = last + 1, n = 0; k < g.length && n < 4 && cued < 0 && !stops(g[k]); k++, n++) if (cue(g[k])) cued = k;
      if (cued < 0) continue;
      runs.push(run);
      // (a year range that dates the run is not a period of the agreement)
      if (g[cued].k === 'years') yearsOfRun.add(cued);
    }
    return runs;
  }

  /** A plain number right after a name (起始飞地 5, A 6 B 4) is a share, not an amount. */
  function isPlainShare(i: number): boolean {
    let l = next(i, -1, ['take'], 1);
    // 甲村人口2000 / 乙村面积300: what is counted stands between the name and its number
    if (l >= 0 && g[l].k === 'w' && MEASURE.test((g[l] as W).t)) l = next(l, -1, ['take'], 1);
    // Lishui gets the 60: an article between the take word and the number
    const article = next(i, -1, ['filler'], 1);
    if (l >= 0 && g[l].k !== 'name' && article === i - 2 && /^the$/i.test((g[i - 1] as W).t ?? '') && isW(g[article], 'take')) l = next(article, -1, ['stop', 'filler'], 1);
    if (l < 0 || g[l].k !== 'name') return false;
    // (a number right before the word for what is split is of it — unless that word has its own amount:
    // 衢州4 杭州1 税收一千五百万, or its amounts by year: 飞入地4 税收第一年400万第二年500万)
    const after = g[i + 1];
    const own = g[i + 2]?.k === 'money' || (g[i + 2]?.k === 'years' && g[i + 3]?.k === 'money');
    return !(after && after.k === 'w' && after.cat === 'revenue' && !own);
  }

  /** 基数800万由飞入地享有 / 基数部分由丽水保留: 由 then a name then a verb of having, right after k: that name. */
  function heldBy(k: number): string | undefined {
    const by = next(k, 1, ['stop', 'filler'], 2);
    const holder = by >= 0 && isW(g[by], 'from') && (g[by] as W).t === '由' ? g[by + 1] : undefined;
    const verb = holder?.k === 'name' ? next(by + 1, 1, ['stop', 'filler'], 1) : -1;
    return holder?.k === 'name' && verb >= 0 && isW(g[verb], 'take', 'to') ? holder.t : undefined;
  }

  /** The first word of the clause after i's, past a relative word or two (which, that). */
  function nextClauseStart(i: number): number {
    let k = clauseOf[i][1] + 1;
    for (let n = 0; n < 2 && isW(g[k], 'filler', 'stop') && g[k + 1]?.k !== 'sep'; n++) k++;
    return k;
  }

  function isRatioNear(k: number): boolean {
    const a = next(k, 1, ['and', 'split', 'by', 'filler'], 4);
    return a >= 0 && (g[a].k === 'ratio' || isW(g[a], 'even'));
  }

  function moneyFact(i: number, v: Q, raw: string): MoneyFact {
    const [s] = clauseOf[i];
    // the nearest cue word before the amount in its clause
    let cueAt = -1;
    // 税收 300 万为基数 / 100万作为保底: a baseline or floor named after the amount wins over a cue before it
    const after = next(i, 1, ['stop', 'filler', 'take', 'by'], 2);
    // (基数一千万归开化 after 税收二千零八十万: a cue with its own amount right after it is not this amount's)
    const cueOwn = after >= 0 ? next(after, 1, ['stop', 'filler'], 1) : -1;
    if (after >= 0 && isW(g[after], 'baseline', 'floor') && !(cueOwn >= 0 && (g[cueOwn].k === 'money' || g[cueOwn].k === 'num'))) cueAt = after;
    // "2 million … goes to the receiving area as a baseline": the clause's baseline, the only amount in it
    const [cs0, ce0] = clauseOf[i];
    const laterBase = g.slice(i + 1, ce0).findIndex((x) => isW(x, 'baseline'));
    // (only the words up to the baseline cue count: "… as the baseline and the excess is shared 60/40" goes on to the ratio)
    const baseOwn = laterBase >= 0 ? next(i + 1 + laterBase, 1, ['stop', 'filler'], 1) : -1;
    if (cueAt < 0 && laterBase >= 0 && !(baseOwn >= 0 && (g[baseOwn].k === 'money' || g[baseOwn].k === 'num')) && !g.slice(cs0, i + 1 + laterBase).some((x, k) => cs0 + k !== i && (x.k === 'money' || x.k === 'share' || x.k === 'ratio'))) {
      const at = i + 1 + laterBase;
      const to = g.slice(i + 1, at).findIndex((x) => isW(x, 'to'));
      const owner = to >= 0 ? next(i + 1 + to, 1, ['stop', 'filler'], 2) : -1;
      return { v, raw, role: 'baseline', party: owner >= 0 && g[owner].k === 'name' ? (g[owner] as { t: string }).t : undefined, cue: (g[at] as W).t };
    }
    for (let k = i - 1; cueAt < 0 && k >= s && k >= i - 4; k--) {
      const x = g[k];
      if (x.k === 'money' || x.k === 'share' || x.k === 'ratio') break;
      // (Dividends follow capital: Village A 1 million — in a split by contributions, a name before the amount is its owner)
      if (x.k === 'name' && x.strong && byContribText) break;
      if (isW(x, 'revenue', 'contrib', 'floor', 'baseline')) {
        cueAt = k;
        break;
      }
    }
    // …or right after it: 1000万的税收, 8000万税收 (南村400万 今年分红1000万: not a cue with its own amount after it)
    if (cueAt < 0) {
      const k = next(i, 1, ['stop', 'filler', 'take'], 2);
      const own = k >= 0 ? next(k, 1, ['stop', 'filler'], 1) : -1;
      if (k >= 0 && isW(g[k], 'revenue', 'floor', 'baseline', 'contrib') && !(own >= 0 && g[own].k === 'money')) cueAt = k;
    }
    if (cueAt < 0) {
      // Quzhou invested 20 million and Hangzhou 5 million: an amount right after a name, after a contribution, is one too
      // 先给村集体 100 万: an amount given to a party is a fixed amount for it
      const nm = next(i, -1, ['stop', 'filler'], 1);
      const give = nm >= 0 && g[nm].k === 'name' ? next(nm, -1, ['stop', 'filler'], 2) : -1;
      if (give >= 0 && isW(g[give], 'to')) return { v, raw, role: 'floor', party: (g[nm] as { t: string }).t, cue: (g[give] as W).t };
      // 1 million goes to the village collective first, the remainder …: an amount given to a party, a rest after it
      const goes = next(i, 1, ['stop', 'filler', 'take'], 2);
      const taker = goes >= 0 && isW(g[goes], 'to') ? next(goes, 1, ['stop', 'filler'], 2) : -1;
      if (taker >= 0 && g[taker].k === 'name' && g.slice(taker + 1).some((x) => isW(x, 'rest'))) return { v, raw, role: 'floor', party: (g[taker] as { t: string }).t, cue: (g[goes] as W).t };
      // 运营公司拿 50 万 / Quzhou gets 3 million: a fixed amount for that party (a carve-out, or a floor beside a share)
      const tk = next(i, -1, ['stop', 'filler'], 1);
      const who = tk >= 0 && isW(g[tk], 'take') ? next(tk, -1, ['stop', 'filler', 'each'], 2) : -1;
      if (who >= 0 && g[who].k === 'name') return { v, raw, role: 'floor', party: (g[who] as { t: string }).t, cue: (g[tk] as W).t };
      const l = next(i, -1, ['stop', 'filler'], 2);
      const lastMoney = f.money[f.money.length - 1];
      if (l >= 0 && g[l].k === 'name' && lastMoney?.role === 'contrib') return { v, raw, role: 'contrib', party: (g[l] as { t: string }).t, cue: lastMoney.cue };
      return { v, raw, role: 'unknown', ...(l >= 0 && g[l].k === 'name' ? { named: (g[l] as { t: string }).t } : {}) };
    }
    // 每年税收固定1000万 / profit is a fixed 10 million: "fixed" right after what is split says the total does not change, it is no one's floor
    if (isW(g[cueAt], 'floor') && FIXED_WORD.test((g[cueAt] as W).t)) {
      const before = next(cueAt, -1, ['filler', 'take'], 2);
      if (before >= 0 && isW(g[before], 'revenue')) cueAt = before;
    }
    const cue = g[cueAt] as W;
    const role = cue.cat as MoneyRole;
    if (role === 'revenue') return { v, raw, role, cue: cue.t };
    // 温州出资 1000 万、出管理折价 1000 万: a further contribution of the party just named
    const lastContrib = [...f.money].reverse().find((m) => m.role === 'contrib');
    const sameParty = role === 'contrib' && lastContrib?.party && f.money[f.money.length - 1] === lastContrib ? lastContrib.party : undefined;
    // whose: the name before the cue (遂昌出资, 村集体保底, 飞入地的基数), or after 归/给/for (基数200万归飞入地)
    let party: string | undefined;
    // (运营公司出管理、折价600万 / 平台公司出技术、折价500万: what was put in, then its value after 、, is one contribution —
    // its party stands before the first contribution word)
    const putIn = role === 'contrib' && isW(g[cueAt - 1], 'and') ? (isW(g[cueAt - 2], 'contrib') ? cueAt - 2 : ((g[cueAt - 2]?.k === 'w' && !(g[cueAt - 2] as W).cat) || (g[cueAt - 2]?.k === 'name' && !(g[cueAt - 2] as { strong: boolean }).strong)) && isW(g[cueAt - 3], 'contrib') ? cueAt - 3 : -1) : -1;
    let l = next(putIn >= 0 ? putIn : Math.min(cueAt, i), -1, ['stop', 'filler', 'to', 'by', 'take', 'floor', 'contrib', 'each', ...(role === 'baseline' ? (['baseline'] as Cat[]) : [])], 3);
    // 村集体 10% 保底 100万: the party's share stands between its name and the cue
    if (l >= 0 && g[l].k === 'share') l = next(l, -1, ['take', 'stop', 'filler'], 2);
    // 飞出地有保底600万 / the village has a floor of: the party has its floor
    if (role === 'floor' && l >= 0 && g[l].k === 'w' && /^(?:有|享有|设有|另有|还有|也有|has|have)$/i.test((g[l] as W).t)) l = next(l, -1, ['stop', 'filler'], 1);
    // 村集体以集体土地入股: what follows 以/用 is the means of the contribution, the party comes before it
    if (role === 'contrib' && l >= 1 && g[l].k === 'name' && isW(g[l - 1], 'by') && /^(?:以|用)$/.test((g[l - 1] as W).t) && g[l - 2]?.k === 'name') l -= 2;
    // the investor put in equipment valued at 15 million: a name between two contribution cues is what was put in, the party stands before the first
    if (role === 'contrib' && l >= 0 && g[l].k === 'name') {
      // (provided land and buildings worth 20 million: what was put in may be a list)
      const means = listAt(l, -1);
      const verb = next(means && Array.isArray(means.names) ? means.end : l, -1, ['stop', 'filler'], 1);
      const owner = verb >= 0 && isW(g[verb], 'contrib') ? next(verb, -1, ['stop', 'filler'], 2) : -1;
      if (owner >= 0 && g[owner].k === 'name') l = owner;
    }
    // 运营公司出管理 按投入折算500万: a value said after what a party put in, across 按投入 and a space, is that party's
    if (role === 'contrib' && !(l >= 0 && g[l].k === 'name') && cueAt < i) {
      // (what was put in may be a word of its own: 出技术 is 出 + 技术)
      let k = cueAt - 1;
      const [cs0] = clauseOf[cueAt] ?? [0, 0];
      const means = (x: GTok | undefined, before: GTok | undefined) => (x?.k === 'w' && !(x as W).cat) || (x?.k === 'name' && !(x as { strong: boolean }).strong && isW(before, 'contrib'));
      while (k >= cs0 && k > cueAt - 6 && (isW(g[k], 'stop', 'filler', 'byContrib', 'and', 'contrib') || means(g[k], g[k - 1]))) k--;
      if (k >= cs0 && g[k]?.k === 'name' && g.slice(k + 1, cueAt).some((x) => isW(x, 'contrib'))) l = k;
    }
    // …provided the site, valued at 10 million: a value with no party of its own, in the clause right after a contribution said
    // without one, is that contribution's
    const [ownStart] = clauseOf[i];
    const valueOf = role === 'contrib' && !(l >= 0 && g[l].k === 'name') && unvaluedContrib && unvaluedContrib.clauseEnd === ownStart - 1 ? unvaluedContrib.party : undefined;
    if (valueOf) {
      f.contribWithoutAmount = f.contribWithoutAmount.filter((c) => c.party !== valueOf);
      unvaluedContrib = undefined;
      return { v, raw, role, party: valueOf, cue: cue.t };
    }
    // (baseline 10 million of tax each year stays with the receiving area: what the baseline is of may stand before its owner)
    const r = next(Math.max(cueAt, i), 1, ['stop', 'filler', 'to', 'take', 'by', 'whole', ...(role === 'baseline' ? (['revenue', 'each'] as Cat[]) : [])], role === 'baseline' ? 5 : 3);
    const toAfter = r >= 0 && g.slice(Math.max(cueAt, i) + 1, r).some((x) => isW(x, 'to', 'take', 'by', 'whole'));
    // what they put in: County A 6 million: a contribution cue, then the party's name right before its amount
    const between = role === 'contrib' && cueAt < i ? next(i, -1, ['stop', 'filler'], 1) : -1;
    // (B县投入现金1800万: with a name before the cue, what stands after it is the means, not the party)
    if (between > cueAt && g[between].k === 'name' && (g[between] as { strong: boolean }).strong && !(l >= 0 && g[l].k === 'name')) party = (g[between] as { t: string }).t;
    else if (role === 'baseline' && r >= 0 && g[r].k === 'name' && toAfter) party = (g[r] as { t: string }).t;
    else if (role === 'baseline' && heldBy(Math.max(cueAt, i))) party = heldBy(Math.max(cueAt, i));
    else if (role === 'baseline' && clauseOf[i][1] < g.length && (isW(g[nextClauseStart(i)], 'to', 'from') || g[nextClauseStart(i)]?.k === 'name')) {
      // 基数 600 万，归飞出地 / 基数：500 万，归属：飞入地 / 基数 200 万，由飞入地享有 / the 2 million base
      // (which stays with the receiving area): the owner in the next clause
      const first = nextClauseStart(i);
      const k = g[first].k === 'name' ? first : next(first, 1, ['stop', 'filler'], 2);
      const [ns, ne] = clauseOf[first] ?? [0, 0];
      const owns = g.slice(ns, ne).some((x) => isW(x, 'to', 'take'));
      if (k >= 0 && g[k].k === 'name' && owns) party = (g[k] as { t: string }).t;
    }
    else if (l >= 0 && g[l].k === 'name') party = (g[l] as { t: string }).t;
    else if (r >= 0 && g[r].k === 'name' && toAfter) party = (g[r] as { t: string }).t;
    else if (role === 'floor' && cueAt < i) {
      // 先保底给村集体 50 万: the party stands between the cue and the amount, after 给/归
      const mid = g.slice(cueAt + 1, i);
      const at = mid.findIndex((x) => x.k === 'name');
      if (at > 0 && mid.slice(0, at).some((x) => isW(x, 'to')) && mid.slice(0, at).every((x) => isW(x, 'to', 'stop', 'filler'))) party = (mid[at] as { t: string }).t;
    }
    // 村集体拿一成，但保底50万: a floor with no name of its own, said right after a party's share, is that party's
    if (role === 'floor' && !party && !sameParty && lastFactRef && 'party' in lastFactRef && lastFactRef.party && lastFactRef.v !== undefined) {
      const [cs] = clauseOf[i];
      const prevStart = cs > 0 ? (clauseOf[cs - 1]?.[0] ?? cs) : cs;
      // (takes 10% of the rental income but is guaranteed …: a word read as a weak name, rental, is no other party)
      // (8% of the 5 million yuan profit but is guaranteed …: the total said with what it is, between them, is no other figure)
      const isTotal = (k: number) => g[k]?.k === 'money' && isW(g[next(k, 1, ['stop', 'filler'], 2)], 'revenue');
      if (lastFactAt >= prevStart && lastFactAt < i && !g.slice(Math.max(cs, lastFactAt + 1), i).some((x, n) => (x.k === 'name' && x.strong) || x.k === 'share' || x.k === 'ratio' || (x.k === 'money' && !isTotal(Math.max(cs, lastFactAt + 1) + n)))) party = lastFactRef.party;
    }
    return { v, raw, role, party: party ?? sameParty, cue: cue.t };
  }
}

/** 从第4年开始六四分，前三年八二分: periods said out of order are put in year order, and a period's length follows from the next one's start. */
function orderPhases(f: Facts): void {
  if (!f.phases.some((p) => p.start !== undefined)) return;
  const keys: number[] = [];
  f.phases.forEach((p, k) => keys.push(p.start ?? (k ? keys[k - 1] + 0.5 : 0)));
  const order = f.phases.map((_, k) => k).sort((a, b) => keys[a] - keys[b] || a - b);
  const newIndex = new Map(order.map((old, k) => [old, k]));
  f.phases = order.map((k) => f.phases[k]);
  for (const s of f.shares) s.phase = newIndex.get(s.phase)!;
  for (const r of f.ratios) r.phase = newIndex.get(r.phase)!;
  f.phases.forEach((p, k) => {
    const nextStart = f.phases[k + 1]?.start;
    if (p.years === undefined && p.start !== undefined && nextStart !== undefined && nextStart > p.start) p.years = nextStart - p.start;
    // 缓冲期两年，第一年…，第二年…，之后…: a year inside the buffer with a period after it runs to the buffer's end
    else if (p.years === undefined && p.start !== undefined && f.buffer !== undefined && p.start <= f.buffer && k + 1 < f.phases.length && nextStart === undefined) p.years = f.buffer - p.start + 1;
  });
  // 30% in the first year, then 25%, then 20% from year 3 on: a period with neither start nor length between one that
  // ends and one that starts runs between them
  let year = 1;
  f.phases.forEach((p, k) => {
    const from = p.start ?? year;
    const nextStart = f.phases[k + 1]?.start;
    if (p.years === undefined && p.start === undefined && k > 0 && nextStart !== undefined && nextStart > from) p.years = nextStart - from;
    year = from + (p.years ?? 0);
  });
}

/** The speaker (我们, 我方, we): a party only once the text says which role it plays (我们是飞出地). */
const SELF = /^(?:我们|我方|咱们|本方|我们县|我们市|我们区|we|us)$/i;
/** The speaker's own place said as such (我们县, 咱们市, 本镇). */
const OWN_PLACE = /^(?:我们|咱们|咱|我|本)(?:县|市|区|镇|乡|村)$/;
/** The other side as the subject of a share (they get, 对方拿). */
const OTHER_SIDE_WORD = /^(?:对方|对面|他们|人家|they|the other side)$/i;
const ROLE_OTHER: Record<string, string> = { 飞出地: '飞入地', 飞入地: '飞出地', 飞出方: '飞入方', 飞入方: '飞出方', 'sending area': 'receiving area', 'receiving area': 'sending area' };
const HERE = /^(?:这边|这里|这方|一方|side|here)$/i;
const BE = /^(?:是|为|作为|属于|is|are|am)$/i;

/**
 * 我们是飞出地，…，我们拿六: after the speaker says which role it plays, "we" elsewhere is that role
 * (so 我们拿六 is the sending area's share). The sentence that says it stays as written.
 */
/**
 * … the receiving area's share goes up to 50%. Before that it gets 30%: "it" as the subject of a take word with a share
 * after it is the last party named before it ("split it 60/40" — it the amount — has no take word after it).
 */
function pronounsAsNames(g: GTok[]): GTok[] {
  let last: GTok | undefined;
  return g.map((t, i) => {
    if (t.k === 'name' && t.strong) last = t;
    if (!last || t.k !== 'w' || !/^it$/i.test(t.t)) return t;
    const verb = g[i + 1];
    const share = g.slice(i + 2, i + 4).find((x) => x.k !== 'w' || (x as W).cat !== 'filler');
    return verb?.k === 'w' && verb.cat === 'take' && share?.k === 'share' ? { ...last } : t;
  });
}

function withSelf(g: GTok[]): { toks: GTok[]; speakerRole?: string } {
  const word = (t: GTok | undefined) => (t && (t.k === 'w' || t.k === 'name') ? t.t : '');
  let self: string | undefined;
  let statement = -1;
  for (let i = 0; i < g.length && self === undefined; i++) {
    // 我们是 is one word in the lexicon
    const saidWithBe = /^(?:我们|我方|咱们)(?:是|为)$/.test(word(g[i]));
    if (!SELF.test(word(g[i])) && !saidWithBe) continue;
    let k = i + 1;
    if (!saidWithBe) {
      if (HERE.test(word(g[k]))) k++;
      if (!BE.test(word(g[k]))) continue;
      k++;
    }
    if (/^(?:the|a)$/i.test(word(g[k]))) k++;
    const t = g[k];
    if (t?.k === 'name' && ROLE_PAIR.has(t.t)) {
      self = t.t;
      statement = i;
    }
  }
  // 咱们县跟宁波合作…咱们拿四成五: the speaker named as its own county (or town, village) is "we" elsewhere
  if (self === undefined) {
    const own = g.find((t) => t.k === 'name' && OWN_PLACE.test(t.t)) as { t: string } | undefined;
    const takes = (k: number) => g[k + 1]?.k === 'w' && (g[k + 1] as W).cat === 'take';
    if (own) return { toks: g.map((t, k): GTok => (t.k === 'w' && /^(?:我们|咱们|我方)$/.test(t.t) && takes(k) ? { k: 'name', t: own.t, strong: true } : t)) };
  }
  if (self === undefined) return { toks: g };
  // (…and they get 7 parts: the other side taking a share is the other role)
  const other = ROLE_OTHER[self];
  const takes = (k: number) => g[k + 1]?.k === 'w' && (g[k + 1] as W).cat === 'take';
  return {
    toks: g.map((t, i): GTok => (i !== statement && t.k === 'w' && SELF.test(t.t) ? { k: 'name', t: self!, strong: true } : other && t.k === 'w' && OTHER_SIDE_WORD.test(t.t) && takes(i) ? { k: 'name', t: other, strong: true } : t)),
    speakerRole: self,
  };
}

/** The most years a growth is projected over. */
const MAX_PROJECTED_YEARS = 30;

/**
 * 税收第一年1000万，以后每年增加100万，算5年 / 2 million in year 1, going up by 500k each year, years 1 to 5: one
 * amount, the amount added each year and the number of years asked make the amounts by year. Without the number of
 * years, or with amounts by year already said, the growth stays unprojected and is asked about.
 */
function projectGrowth(f: Facts): void {
  const years = f.span ?? f.buffer;
  const step = f.growthAdded;
  if (!step || !years || years < 2 || years > MAX_PROJECTED_YEARS) return;
  const amounts = f.money.filter((m) => m.role === 'revenue' || m.role === 'unknown');
  if (amounts.length !== 1 || (amounts[0]!.year !== undefined && amounts[0]!.year !== 1) || f.money.some((m) => m.year !== undefined && m !== amounts[0])) return;
  const base = amounts[0]!;
  base.role = 'revenue';
  base.year = 1;
  let v = base.v;
  for (let y = 2; y <= years; y++) {
    v = v.add(step);
    f.money.push({ v, raw: v.toNumber(2).toLocaleString('en-US'), role: 'revenue', year: y });
  }
  f.projected = f.growth;
  f.growth = undefined;
  // (每年 / each year went with the growth: the amount itself is year 1's, not every year's)
  f.perYear = false;
}
