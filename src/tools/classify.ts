/**
 * Enclave-mode classifier: a transparent additive score, no model. Each mode of the catalogue
 * (./data/modes.ts) lists weighted signals (regular expressions, each counted once); structured answers
 * add weighted signals of their own. score(mode) = Σ weights of the signals that fired.
 *
 * Four general mechanisms keep it honest on unseen text:
 * - Negation: an occurrence right after 不是/并非/而不是/not/rather than… does not count (the next
 *   occurrence may), so “不是产业转移，而是…” does not vote for the negated mode.
 * - Roles: who is the developed side is read from the text once (labelled fields such as
 *   “飞出地：…（经济强区）”, or “<weaker place> 在 <hub> 设…” / “<developed side> 到 <weaker place>…”),
 *   using one place vocabulary (./data/places.ts), and turned into the same role signals as structured
 *   answers — so every mode that fits the roles gets them, not just one.
 * - Ranking: score, then the content part of the score (signals about what is done, not who goes where),
 *   then catalogue order. A mode whose only evidence is roles cannot beat one with a defining signal.
 * - Gate: the top mode is `primary` when its score reaches MIN_SCORE and the text is about a cooperation
 *   at all (a non-negated cooperation word, structured answers, or a defining signal of weight ≥ STRONG);
 *   otherwise primary is null and `missing` asks for what would decide it.
 * Direction: the mode's own when fixed, else cues (双向/互设 → bidirectional; 反向/回流/回…产业化 or a
 * weaker side setting up in a hub → reverse; 产业转移 or a developed side going to a weaker one →
 * forward), else the mode's usual direction.
 */
import { z } from 'zod';
import { CitationSchema, uniqueCitations, type Citation } from './citations';
import { MECHANISMS, MechanismIdSchema } from './mechanisms';
import { zodUserError } from './schema-errors';
import { BIG_EN, BIG_ZH, WEAK_EN, WEAK_ZH } from './data/places';
import { readFields } from './fields';
import { DirectionSchema, MODE_BY_ID, MODES, ModeIdSchema, type Direction, type Mode, type ModeId } from './modes';

export const MIN_SCORE = 4;
export const STRONG = 6;
/** Evidence enough to decide even without a cooperation word. */
export const CLEAR_SCORE = 7;

export const ModeAnswersSchema = z.object({
  text: z.string().optional().describe('free-text description of the partnership (zh or en)'),
  moreDeveloped: z
    .enum(['origin', 'host', 'equal'])
    .optional()
    .describe('which side is more developed: origin = the side that sets up the enclave (飞出地), host = the side it sits in (飞入地)'),
  rdLocation: z.enum(['developed', 'less_developed', 'both', 'abroad', 'none']).optional().describe('where R&D / incubation happens'),
  productionLocation: z.enum(['developed', 'less_developed', 'both', 'abroad', 'none']).optional().describe('where production happens'),
  nodes: z.number().int().min(1).max(50).optional().describe('number of places (nodes) in the chain'),
  crossBorder: z.boolean().optional().describe('does the cooperation cross a national border'),
  participants: z
    .array(z.enum(['village_collectives', 'eco_function_county', 'free_trade_zone', 'operating_company', 'state_platform', 'private_capital', 'workers', 'universities', 'logistics_hub', 'government']))
    .optional(),
  flows: z
    .array(z.enum(['land_quota', 'capital', 'talent', 'technology', 'projects', 'training', 'jobs', 'goods', 'government_services', 'institutional_experience']))
    .optional()
    .describe('what moves between the partners'),
});
export type ModeAnswers = z.infer<typeof ModeAnswersSchema>;
export const MODE_ANSWERS_EXAMPLE = '{"text": "杭州在衢州共建产业园", "moreDeveloped": "origin", "flows": ["capital", "projects"]}';
export const ClassifyInputSchema = z.union([z.string(), ModeAnswersSchema]);
export type ClassifyInput = z.infer<typeof ClassifyInputSchema>;

const SignalHitSchema = z.object({ label: z.string(), weight: z.number(), match: z.string() });
export const ModeResultSchema = z.object({
  primary: ModeIdSchema.nullable(),
  direction: DirectionSchema.nullable(),
  candidates: z.array(z.object({ id: ModeIdSchema, nameZh: z.string(), nameEn: z.string(), score: z.number(), signals: z.array(SignalHitSchema) })),
  recommendations: z.array(
    z.object({ mechanism: MechanismIdSchema, nameZh: z.string(), nameEn: z.string(), why: z.string(), calculator: z.enum(['split', 'estimate']), example: z.string() }),
  ),
  sources: z.array(CitationSchema),
  missing: z.string().optional(),
});
export type ModeResult = z.infer<typeof ModeResultSchema>;
type SignalHit = z.infer<typeof SignalHitSchema>;

/** Words that show the text is about cooperation between places at all. */
const COOPERATION =
  /飞地|园区|(?:加工|制造|科技|创业|物流|产业|工业|合作|孵化)园|[一二三四五六七八九]{2}(?:分|开)|模式|两市|两县|两省|两区|两个园区|两地|共同建设|开发区|产业园|工业园|合作|共建|结对|对口|帮扶|协作|山海|双方|三地|多地|异地|跨区域|跨省|跨境|跨国|协议|联合|联盟|伙伴|分成|承接|转移|设立|enclave|\bparks?\b|\bzones?\b|partner\w*|cooperat\w*|collaborat\w*|\bjoint(?:ly)?\b|co-?buil|twin\w*|agreement|counterpart|relocat\w*|sets? up|establish\w*|pair\w*|\bmode\b|model|alliance|outposts?/giu;

/**
 * A negation just before an occurrence (same clause, nothing like 而是/but in between) cancels it.
 * A-not-A questions (有没有, 要不要, 会不会…) ask rather than negate, so they do not count.
 */
const NEG_ZH = /(?:(?<!是)不是|并非|并不是|而不是|而非|(?<!搞)不搞|(?<!做)不做|不再|(?<!有)没有|无需|(?<!需)不需要|不涉及|(?<!属)不属于|(?<!打)不打算|(?<!想)不想|(?<!准)不准备|(?<!考)不考虑|不同于|区别于|(?<!要)不要|(?<!会)不会|别)[^。；，,、！？!?而但只]{0,10}$/u;
const NEG_EN = /\b(?:not(?! only| just)|no|never|without|rather than|instead of|isn't|aren't|don't|doesn't|won't|nor|neither)\b[^.;,!?]{0,32}$/iu;
function negated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index);
  return NEG_ZH.test(before.slice(-14)) || NEG_EN.test(before);
}

/** First occurrence of `re` (global) in `text` that is not negated. */
function firstHit(re: RegExp, text: string): RegExpExecArray | undefined {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!negated(text, m.index)) return m;
    if (m[0] === '') re.lastIndex++;
  }
  return undefined;
}

/** Lexical direction cues (place-based roles come from inferRoles). */
const DIRECTION_CUES: Array<{ dir: Direction; weight: number; re: RegExp }> = [
  { dir: 'bidirectional', weight: 3, re: /双向|互设|互建|相互|互相|互派|互认|对等|互为|mutual|two[- ]way|bidirectional|each other|reciproc|both ways|both directions/giu },
  { dir: 'bidirectional', weight: 1, re: /共建|几个城市|多个城市|\bseveral cities\b/giu },
  { dir: 'bidirectional', weight: 2, re: /两地共同|双方共同|共同出台|联合|联盟|协同开放|\bjoint(?:ly)?\b|together|alliance|co-?buil/giu },
  {
    dir: 'reverse',
    weight: 3,
    re: /反向|回流|带回|回迁|迁回|回(?:到|归)?(?:本地|本县|本市|家乡|老家|当地)|回[^。，；、\s]{1,5}?(?:生产|产业化|投产|转化|落地|量产)|reverse|\b(?:bring|brings|brought|return\w*|mov\w*|transfer\w*|sen[dt]\w*|flow\w*|relocat\w*|tak\w*|took)\b[^.;]{0,30}\b(?:back|home)\b|\b(?:produc\w*|manufactur\w*|industriali[sz]\w*|commerciali[sz]\w*|factor(?:y|ies)|scal\w* up)\b[^.;]{0,40}\b(?:back home|at home|back (?:in|to|at)|in (?:our|the|their) home (?:county|city|town|region|province))\b/giu,
  },
  {
    dir: 'reverse',
    weight: 3,
    re: new RegExp(`(?:在|到|赴)(?:${BIG_ZH})[^。；]{0,12}(?:设立|建立|建设|设|建|布局)[^。；]{0,8}(?:科创|创新|研发|孵化)(?:飞地|中心|平台)|前端研发[^。]{0,12}后端`, 'gu'),
  },
  {
    dir: 'reverse',
    weight: 3,
    re: new RegExp(`(?:研发|孵化|创新|总部)[^。；，]{0,4}(?:在|放在)(?:${BIG_ZH})[^。]{0,16}(?:生产|产业化|转化|制造|量产|投产|落地|基地)[^。；，]{0,4}在|\\b(?:r&d|research|incubat\\w*)\\b[^.;]{0,30}\\b(?:in|at) (?:a |the )?${BIG_EN}[^.;]{0,60}\\b(?:production|manufacturing|factories|plants)\\b[^.;]{0,30}\\b(?:in|at|back)\\b`, 'giu'),
  },
  { dir: 'forward', weight: 3, re: /产业转移|转移到|搬到|迁到|迁往|外迁|输出到|推广到|复制到|relocat\w*|\b(?:spread|roll\w* out|extend\w*|pass\w* on) (?:them |it |its \w+ )?to\b/giu },
];

/** Who is the more developed side, read from the text: labelled fields first, then phrasing. */
const DEV_WORD = new RegExp(`发达|经济强|强县|强区|强市|沿海|${BIG_ZH}|\\b(?:developed|rich|richer|wealthy|wealthier|prosperous|advanced|coastal)\\b|${BIG_EN}`, 'iu');
const WEAK_WORD = new RegExp(`欠发达|不发达|加快发展|山区|薄弱|后发|落后|贫困|偏远|革命老区|${WEAK_EN}|\\bless developed\\b`, 'iu');
const FIELD_END = String.raw`(?=[；;。\n]|\.\s|\.$|[,，]?\s*(?:飞入地|飞出地|承接地|\bhost\b|\borigin\b)|$)`;
const ORIGIN_FIELD = new RegExp(String.raw`(?:飞出地|输出地|转出地|飞出方|\borigin\b|sending (?:side|region))\s*(?:[:：是为]|\bis\b)\s*(.+?)` + FIELD_END, 'iu');
const HOST_FIELD = new RegExp(String.raw`(?:飞入地|承接地|转入地|飞入方|\bhost\b|receiving (?:side|region))\s*(?:[:：是为]|\bis\b)\s*(.+?)` + FIELD_END, 'iu');
const HOST_MORE = [
  new RegExp(`${WEAK_ZH}[^。；]{0,32}(?:在|到|赴|去)(?:结对的?|对口的?)?${BIG_ZH}`, 'gu'),
  new RegExp(`${WEAK_EN}[^.;]{0,60}\\b(?:sets? up|set up|setting up|establish\\w*|open\\w*|rent\\w*|buil[dt]\\w*|locat\\w*|put\\w*|invest\\w*|co-invest\\w*|develop\\w*|run\\w*)\\b[^.;]{0,60}\\b(?:in|at|inside|within|into)\\s+(?:a |an |the )?${BIG_EN}`, 'giu'),
  // people or projects from a weaker place, active in a hub: “young people from our mountain county … in the coastal city”
  new RegExp(`\\bfrom (?:a |an |the |our |their )?${WEAK_EN}[^.;]{0,60}\\b(?:in|at|to)\\s+(?:a |an |the )?${BIG_EN}`, 'giu'),
];
const ORIGIN_MORE = [
  new RegExp(`(?<![到在去往赴向])(?:发达|沿海|东部|${BIG_ZH})[^。；]{0,16}(?:在|到|赴|去|向)[^。；]{0,12}${WEAK_ZH}`, 'gu'),
  new RegExp(`\\b(?:developed|wealthy|wealthier|rich|richer|prosperous|affluent|coastal|eastern|advanced)\\b[^.;]{0,80}\\b(?:in|to|into|helps?|helping|supports?|assists?)\\s+(?:a |an |the |our )?${WEAK_EN}`, 'giu'),
  // a hub as the actor (not as a location after in/at/to): “The Shanghai district will … manage a park in a county”
  new RegExp(`(?<!\\b(?:in|at|to|into|from|inside|within|near|with|and)\\s+(?:the\\s+|a\\s+|an\\s+)?)\\b${BIG_EN}[^.;]{0,80}\\b(?:in|to|into|helps?|helping|supports?|assists?)\\s+(?:a |an |the |our )?${WEAK_EN}`, 'giu'),
];

/**
 * The speaker's own side: “We are a small inland city… our plan is to rent space in Shenzhen” /
 * “我们是山区县……我们在杭州设…”. Who “we” are is said once; what “we” do where may come sentences later.
 */
const WE_ZH = '(?:我们|我县|我市|我区|我镇|本县|本市|本区|本镇|咱们)';
const WE_WEAK_ZH = new RegExp(`${WE_ZH}(?:县|市|区)?(?:是|属于|地处|位于|作为|为)[^。；，]{0,14}${WEAK_ZH}`, 'u');
const WE_DEV_ZH = new RegExp(`${WE_ZH}(?:县|市|区)?(?:是|属于|地处|位于|作为|为)[^。；，]{0,14}(?:经济强|(?<![欠不])发达|沿海|强县|强区|强市|东部)`, 'u');
const WE_IN_HUB_ZH = new RegExp(`(?:${WE_ZH}|县里|市里)[^。；]{0,24}(?:在|到|赴|去)(?:结对的?|对口的?)?${BIG_ZH}`, 'gu');
const WE_TO_WEAK_ZH = new RegExp(`(?:${WE_ZH}|市里|区里)[^。；]{0,24}(?:在|到|赴|去|向)[^。；]{0,8}${WEAK_ZH}`, 'gu');
const WE_SELF_EN = String.raw`\b(?:we are|we're|we’re|as|being)\s+(?:a|an|one of (?:the )?)\s*(?:[\w-]+\s+){0,3}?`;
// a county, township or village speaking for itself is the weaker side, as 县 alone is in WEAK_ZH
const WE_WEAK_EN = new RegExp(`${WE_SELF_EN}(?:poor|poorer|less[- ]developed|underdeveloped|mountain\\w*|rural|remote|inland|lagging|small|struggling|backward|western)\\b|\\bour (?:poor|small|mountain\\w*|rural|remote|inland|lagging|less[- ]developed|underdeveloped) (?:county|city|town|district|region|province|prefecture)|\\bour (?:own |home )?(?:county|township|villages?)\\b(?! (?:seat|town|centre|center)\\b)`, 'iu');
const WE_DEV_EN = new RegExp(`${WE_SELF_EN}(?:developed|rich|richer|wealthy|prosperous|advanced|coastal|big|major)\\b|\\bour (?:developed|rich|wealthy|prosperous|coastal|advanced) (?:county|city|town|district|region|province)`, 'iu');
const WE_IN_HUB_EN = new RegExp(`\\b(?:we|our|us)\\b[^.;]{0,80}?\\b(?:in|at|into|inside)\\s+(?:a |an |the )?${BIG_EN}`, 'giu');
const WE_TO_WEAK_EN = new RegExp(`\\b(?:we|our|us)\\b[^.;]{0,80}?\\b(?:in|to|into|inside)\\s+(?:a |an |the )?${WEAK_EN}`, 'giu');
function speakerRole(text: string): { moreDeveloped: 'origin' | 'host'; match: string } | undefined {
  const weak = WE_WEAK_ZH.exec(text) ?? WE_WEAK_EN.exec(text);
  const dev = weak ? undefined : (WE_DEV_ZH.exec(text) ?? WE_DEV_EN.exec(text));
  if (weak) {
    const act = firstHit(WE_IN_HUB_ZH, text) ?? firstHit(WE_IN_HUB_EN, text);
    if (act) return { moreDeveloped: 'host', match: `${weak[0]} … ${act[0]}` };
  }
  if (dev) {
    const act = firstHit(WE_TO_WEAK_ZH, text) ?? firstHit(WE_TO_WEAK_EN, text);
    if (act) return { moreDeveloped: 'origin', match: `${dev[0]} … ${act[0]}` };
  }
  return undefined;
}
/**
 * Places the vocabulary does not know, next to a hub: a hub acting somewhere else (“西安的企业在安康建设
 * 生产基地”) or someone who is not a hub setting something up in one (“甘肃的园区在西安设研发中心”).
 * The hub is taken as the more developed side. Used only when the known-place phrasing says nothing.
 */
const HUB_ACTS_ZH = new RegExp(`(?<![到在去往赴向于])${BIG_ZH}(?:的)?[^。；，在到]{0,6}(?:在|到|赴|去)(?!${BIG_ZH})[\\p{Script=Han}]{2,6}?(?:建设|新建|建|设立|设|投资|布局|落地|共建|合建|开办|承接)`, 'gu');
const ACTS_IN_HUB_ZH = new RegExp(`(?:在|到|赴|去)(?:结对的?|对口的?)?${BIG_ZH}[^。；，]{0,10}(?:设立|建立|建设|设|建|租|布局|成立|开设)`, 'gu');
const BIG_ZH_RE = new RegExp(BIG_ZH, 'u');
const ACTS_IN_HUB_EN = new RegExp(`\\b(?:sets? up|setting up|establish\\w*|open\\w*|rent\\w*|buil[dt]\\w*|locat\\w*|launch\\w*)\\b[^.;]{0,40}?\\b(?:in|at|inside)\\s+(?:a |an |the )?${BIG_EN}`, 'giu');
const HUB_ACTS_EN = new RegExp(`(?<!\\b(?:in|at|to|into|from|inside|within|near|with|and)\\s+(?:the\\s+|a\\s+|an\\s+)?)\\b${BIG_EN}[^.;]{0,80}\\b(?:in|into|to)\\s+(?:a |an |the )?(?:new )?(?:[a-z-]+ ){0,2}(?:park|zone|estate|base|site|plant|factory) (?:in|at) (?!${BIG_EN})[A-Z]`, 'gu');
const BIG_EN_RE = new RegExp(BIG_EN, 'iu');
function hubRole(text: string): InferredRoles | undefined {
  const fwd = firstHit(HUB_ACTS_ZH, text) ?? firstHit(HUB_ACTS_EN, text);
  let rev: RegExpExecArray | undefined;
  // the actor is whoever comes before the verb in the same clause; it must be someone, and not a hub
  for (const [re, split, hub, someone] of [
    [ACTS_IN_HUB_ZH, /[。；，,;]/u, BIG_ZH_RE, /\p{Script=Han}/u],
    [ACTS_IN_HUB_EN, /[.;]\s|[;:]/u, BIG_EN_RE, /[a-z]{2}/iu],
  ] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m && !rev; m = re.exec(text)) {
      // “a city in Jiangxi” names no hub: the generic “a/the city” of the hub vocabulary does not count here
      const clause = (text.slice(0, m.index).split(split).pop() ?? '').replace(/\b(?:a|the) city\b/giu, '');
      if (!negated(text, m.index) && someone.test(clause) && !hub.test(clause)) rev = m;
    }
    if (rev) break;
  }
  if (fwd && !rev) return { moreDeveloped: 'origin', match: fwd[0] };
  if (rev && !fwd) return { moreDeveloped: 'host', match: rev[0] };
  return undefined;
}

export interface InferredRoles {
  moreDeveloped?: 'origin' | 'host';
  match: string;
}
export function inferRoles(text: string): InferredRoles {
  const o = ORIGIN_FIELD.exec(text)?.[1];
  const h = HOST_FIELD.exec(text)?.[1];
  // labelled fields: 飞出地：杭州萧山（经济强区）；飞入地：衢江区（加快发展地区）
  const dev = (s?: string) => (s ? (WEAK_WORD.test(s) ? 'weak' : DEV_WORD.test(s) ? 'dev' : undefined) : undefined);
  const [od, hd] = [dev(o), dev(h)];
  if (od === 'dev' || hd === 'weak') if (!(od === 'weak' || hd === 'dev')) return { moreDeveloped: 'origin', match: `${o ?? ''} / ${h ?? ''}`.trim() };
  if (od === 'weak' || hd === 'dev') if (!(od === 'dev' || hd === 'weak')) return { moreDeveloped: 'host', match: `${o ?? ''} / ${h ?? ''}`.trim() };
  const self = speakerRole(text);
  if (self) return self;
  const host = HOST_MORE.map((re) => firstHit(re, text)).find(Boolean);
  const origin = ORIGIN_MORE.map((re) => firstHit(re, text)).find(Boolean);
  if (host && !origin) return { moreDeveloped: 'host', match: host[0] };
  if (origin && !host) return { moreDeveloped: 'origin', match: origin[0] };
  if (!host && !origin) return hubRole(text) ?? { match: '' };
  return { match: '' };
}

const isEnglish = (text: string) => !/\p{Script=Han}/u.test(text);

function textHits(mode: Mode, text: string): SignalHit[] {
  const hits: SignalHit[] = [];
  for (const s of mode.compiled) {
    const m = firstHit(s.re, text);
    if (m) hits.push({ label: s.label, weight: s.weight, match: m[0] });
  }
  return hits;
}

/** A signal from structured answers or inferred roles: [mode, weight, label, match, role?]. */
type AnswerHit = [ModeId, number, string, string, boolean?];

/**
 * Structured answers as signals. Role signals (who is more developed) are flagged: they count in the
 * score but not in the content score used to break ties. `roles` says where moreDeveloped came from.
 */
function answerHits(a: ModeAnswers, roles: { label: string; match: string } = { label: 'answers', match: '' }, src = 'answers'): AnswerHit[] {
  const out: AnswerHit[] = [];
  const add = (id: ModeId, w: number, label: string) => out.push([id, w, label.replace(/^answers:/, `${src}:`), '']);
  const role = (id: ModeId, w: number, label: string) => out.push([id, w, `${roles.label}: ${label}`, roles.match, true]);
  if (a.moreDeveloped === 'origin') {
    role('forward_industrial', 4, 'the side that sets up the enclave is more developed');
    role('gov_guided_market', 1, 'the side that sets up the enclave is more developed');
  } else if (a.moreDeveloped === 'host') {
    for (const [id, w] of [['reverse_innovation', 2], ['xiaobo', 1], ['eco_compensation', 1], ['cross_region_innovation_industry', 1]] as const)
      role(id, w, 'the enclave sits in the more developed side');
  } else if (a.moreDeveloped === 'equal') role('two_way_co_built', 3, 'both sides equally developed');
  if (a.rdLocation === 'developed' && a.productionLocation === 'less_developed') {
    add('reverse_innovation', a.moreDeveloped === 'origin' ? 0 : 3, 'answers: R&D in the developed side, production in the less developed');
    add('industry_innovation_linkage', 2, 'answers: R&D in the developed side, production in the less developed');
    add('cross_region_innovation_industry', 1, 'answers: R&D in the developed side, production in the less developed');
    if (a.moreDeveloped === 'origin') add('forward_industrial', 2, 'answers: production moved to the less developed side');
  } else if (a.productionLocation === 'less_developed') add('forward_industrial', 2, 'answers: production in the less developed side');
  if (a.rdLocation === 'both' || a.productionLocation === 'both') add('two_way_co_built', 2, 'answers: activities on both sides');
  if (a.rdLocation === 'abroad' || a.productionLocation === 'abroad') add('enclave_relay', 3, 'answers: a stage abroad');
  if ((a.nodes ?? 0) >= 3) add('enclave_relay', 6, `answers: ${a.nodes} nodes`);
  if (a.crossBorder) {
    add('enclave_relay', 3, 'answers: cross-border');
    add('trade_logistics', 1, 'answers: cross-border');
  }
  const P: Record<string, Array<[ModeId, number]>> = {
    village_collectives: [['xiaobo', 6]],
    eco_function_county: [['eco_compensation', 6]],
    free_trade_zone: [['institutional_spillover', 5]],
    operating_company: [['gov_guided_market', 4]],
    state_platform: [['gov_guided_market', 4]],
    private_capital: [['gov_guided_market', 3]],
    workers: [['talent_employment', 3]],
    universities: [['reverse_innovation', 1], ['cross_region_innovation_industry', 1]],
    logistics_hub: [['trade_logistics', 5]],
  };
  for (const p of a.participants ?? []) for (const [id, w] of P[p] ?? []) add(id, w, `answers: participant ${p}`);
  const F: Record<string, Array<[ModeId, number]>> = {
    land_quota: [['xiaobo', 1], ['eco_compensation', 1], ['reverse_innovation', 1]],
    capital: [['forward_industrial', 1]],
    talent: [['talent_employment', 2], ['reverse_innovation', 1]],
    technology: [['reverse_innovation', 1], ['industry_innovation_linkage', 1]],
    projects: [['forward_industrial', 1]],
    training: [['talent_employment', 4]],
    jobs: [['talent_employment', 3]],
    goods: [['trade_logistics', 4]],
    government_services: [['gov_service_cooperation', 6]],
    institutional_experience: [['institutional_spillover', 5]],
  };
  for (const f of a.flows ?? []) for (const [id, w] of F[f] ?? []) add(id, w, `answers: flow ${f}`);
  return out;
}

function decideDirection(mode: Mode, text: string, moreDeveloped: ModeAnswers['moreDeveloped']): Direction {
  if (mode.directionFixed) return mode.direction;
  const score: Record<Direction, number> = { forward: 0, reverse: 0, bidirectional: 0, relay: 0 };
  for (const c of DIRECTION_CUES) if (firstHit(c.re, text)) score[c.dir] += c.weight;
  if (moreDeveloped === 'origin') score.forward += 3;
  if (moreDeveloped === 'host') score.reverse += 3;
  if (moreDeveloped === 'equal') score.bidirectional += 3;
  const best = (['bidirectional', 'reverse', 'forward'] as const).reduce((a, b) => (score[b] > score[a] ? b : a));
  const second = Math.max(...(['bidirectional', 'reverse', 'forward'] as const).filter((d) => d !== best).map((d) => score[d]));
  // one weak cue (e.g. “joint”) is not enough to overturn the mode's usual direction
  return score[best] >= 3 && score[best] > second ? best : mode.direction;
}

function askFor(english: boolean, aboutCooperation: boolean): string {
  if (!aboutCooperation)
    return english
      ? 'This does not read as a description of a partnership between places. Describe who cooperates with whom and what is set up where, e.g. “A mountain county sets up an R&D centre in Hangzhou and brings mature projects home for production.”'
      : '这段话看起来不是在描述地区之间的合作（飞地或园区合作）。请说明谁和谁合作、在哪里设立什么，例如：“衢州在杭州设研发孵化中心，成熟项目回衢州生产”。';
  return english
    ? 'Too little to tell the mode. Please add: which side is more developed and who sets up the enclave where; where R&D and where production happen; whether it crosses a border or has three or more nodes; who takes part (village collectives, an ecological-function county, a free trade zone, an operating company…); what flows (land quota, capital, talent, goods, government services).'
    : '信息不足，判断不了模式。请补充：哪一方更发达、谁在谁的地盘上设飞地；研发和生产分别在哪里；是否跨境、是否有三个以上节点；参与方（村集体、生态功能县、自贸区、运营公司等）；流动的是什么（土地指标、资金、人才、货物、政务服务）。';
}

export function classifyMode(input: ClassifyInput): ModeResult {
  // Structured answers come from the guided form and the LLM tool: bad ones are the caller's error, said plainly.
  const checked = ClassifyInputSchema.safeParse(input);
  if (!checked.success) throw zodUserError(checked.error, MODE_ANSWERS_EXAMPLE);
  const parsed = checked.data;
  const answers = typeof parsed === 'string' ? undefined : parsed;
  const text = (typeof parsed === 'string' ? parsed : (parsed.text ?? '')).normalize('NFKC');
  const english = isEnglish(text);

  // labelled fields typed into the text (节点数：3, "Who is more developed: …") count as answers; explicit answers win
  const fields = readFields(text);
  const given = { ...fields.answers, ...Object.fromEntries(Object.entries(answers ?? {}).filter(([k, v]) => k !== 'text' && v !== undefined)) } as ModeAnswers;
  const explicit = !!answers && Object.keys(answers).some((k) => k !== 'text');
  const src = explicit ? 'answers' : 'fields in the text';
  // roles: answers (given or typed as fields) win over what the phrasing says
  const inferred = given.moreDeveloped ? { match: '' } : inferRoles(text);
  const moreDeveloped = given.moreDeveloped ?? inferred.moreDeveloped;
  const roleSource = given.moreDeveloped ? { label: answers?.moreDeveloped ? 'answers' : src, match: '' } : { label: 'roles in the text', match: inferred.match };

  const hitsBy = new Map<ModeId, SignalHit[]>(MODES.map((m) => [m.id, textHits(m, text)]));
  const roleWeight = new Map<ModeId, number>();
  for (const [id, weight, label, match, role] of answerHits({ ...given, moreDeveloped }, roleSource, src)) {
    if (weight <= 0) continue;
    hitsBy.get(id)!.push({ label, weight, match });
    if (role) roleWeight.set(id, (roleWeight.get(id) ?? 0) + weight);
  }
  // a more specific mode whose defining trait is present inherits its parent's content evidence
  for (const m of MODES)
    for (const r of m.compiledRefines) {
      const parentContent = hitsBy.get(r.parent)!.reduce((a, h) => a + h.weight, 0) - (roleWeight.get(r.parent) ?? 0);
      const hit = parentContent > 0 ? firstHit(r.re, text) : undefined;
      if (hit) hitsBy.get(m.id)!.push({ label: `${r.label} → ${MODE_BY_ID[r.parent].nameZh} / ${MODE_BY_ID[r.parent].nameEn}`, weight: parentContent, match: hit[0] });
    }
  const scored = MODES.map((m, order) => {
    const hits = hitsBy.get(m.id)!;
    const score = hits.reduce((a, h) => a + h.weight, 0);
    return { mode: m, order, hits, score, content: score - (roleWeight.get(m.id) ?? 0) };
  })
    .filter((c) => c.score > 0)
    // ties go to the mode with more evidence about what is done (not who goes where), then catalogue order
    .sort((a, b) => b.score - a.score || b.content - a.content || a.order - b.order);

  const structured = explicit || fields.found;
  // a cooperation word, structured answers, a defining signal, or plenty of evidence
  const aboutCooperation =
    !!firstHit(COOPERATION, text) || structured || !!inferred.moreDeveloped || (scored[0]?.score ?? 0) >= CLEAR_SCORE || scored.some((c) => c.hits.some((h) => h.weight >= STRONG));
  const top = scored[0];
  const primary = top && top.score >= MIN_SCORE && aboutCooperation ? top.mode : undefined;

  const candidates = scored.slice(0, 5).map((c) => ({ id: c.mode.id, nameZh: c.mode.nameZh, nameEn: c.mode.nameEn, score: c.score, signals: c.hits }));
  if (!primary) return { primary: null, direction: null, candidates, recommendations: [], sources: [], missing: askFor(english, aboutCooperation) };

  const recommendations = primary.mechanisms.map((m) => ({
    mechanism: m.id,
    nameZh: MECHANISMS[m.id].nameZh,
    nameEn: MECHANISMS[m.id].nameEn,
    why: english ? m.whyEn : m.whyZh,
    calculator: m.id === 'area_estimate' ? ('estimate' as const) : ('split' as const),
    example: MECHANISMS[m.id].example,
  }));
  const sources: Citation[] = uniqueCitations([...primary.citations, ...primary.mechanisms.map((m) => MECHANISMS[m.id].citations[0])]);
  return { primary: primary.id, direction: decideDirection(primary, text, moreDeveloped), candidates, recommendations, sources };
}

export { MODE_BY_ID };
