/**
 * Enclave-mode classifier: a transparent additive score, no model. Each mode of the catalogue
 * (./data/modes.ts) lists weighted signals (regular expressions, each counted once); structured answers
 * add weighted signals of their own. score(mode) = Σ weights of the signals that fired. The top mode
 * is `primary` when its score reaches MIN_SCORE and the text is about a cooperation at all (a
 * cooperation word, or a defining signal of weight ≥ STRONG); otherwise primary is null and
 * `missing` asks for what would decide it. Ties go to the earlier mode in the catalogue. Direction:
 * the mode's own when fixed, else cues in the text (双向/互设 → bidirectional, 反向/回流 or a weaker
 * region setting up in a big city → reverse, 产业转移 or a developed region going to a weaker one →
 * forward), else the mode's usual direction.
 */
import { z } from 'zod';
import { CitationSchema, uniqueCitations, type Citation } from './citations';
import { MECHANISMS, MechanismIdSchema } from './mechanisms';
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
  /飞地|园区|模式|两市|两县|两省|两区|两个园区|两地|共同建设|开发区|产业园|工业园|合作|共建|结对|对口|帮扶|协作|山海|两地|双方|三地|多地|异地|跨区域|跨省|跨境|跨国|协议|联合|伙伴|分成|承接|转移|设立|enclave|\bparks?\b|\bzones?\b|partner\w*|cooperat\w*|collaborat\w*|\bjoint(?:ly)?\b|co-?buil|twin\w*|agreement|counterpart|relocat\w*|sets? up|establish\w*|pair\w*|\bmode\b|model/iu;

const BIG_ZH = '(?:沿海城市|沿海发达地区|沿海地区|杭州|上海|深圳|北京|广州|南京|宁波|苏州|武汉|西安|成都|大城市|大都市|都市|中心城市|省会|发达地区|发达城市|一线城市)';
const WEAK_ZH = '(?:欠发达|山区|薄弱|后发|落后|贫困|加快发展|偏远|县|西部|中西部)';
const BIG_EN = "(?:hangzhou|shanghai|shenzhen|beijing|guangzhou|nanjing|ningbo|suzhou|wuhan|xi'?an|chengdu|(?:a|the) (?:big|major|large|developed|coastal|richer|wealthy)\\b)";
const WEAK_EN = '(?:poor|poorer|less[- ]developed|underdeveloped|mountain\\w*|rural|remote|inland|lagging|western|small)';
const DIRECTION_CUES: Array<{ dir: Direction; weight: number; re: RegExp }> = [
  { dir: 'bidirectional', weight: 3, re: /双向|互设|互建|相互|互相|互派|互认|对等|互为|mutual|two[- ]way|bidirectional|each other|reciproc|both ways|both directions/iu },
  { dir: 'bidirectional', weight: 1, re: /共建|几个城市|多个城市|\bseveral cities\b/iu },
  { dir: 'bidirectional', weight: 2, re: /两地共同|双方共同|共同出台|联合|联盟|协同开放|\bjoint(?:ly)?\b|together|alliance|co-?buil/iu },
  { dir: 'reverse', weight: 3, re: /反向|回流|带回|回迁|reverse|\b(?:bring|brings|brought|return\w*|mov\w*)\b[^.;]{0,30}\b(?:back|home)\b/iu },
  { dir: 'reverse', weight: 3, re: new RegExp(`${WEAK_ZH}[^。；]{0,20}(?:在|到|赴)${BIG_ZH}`, 'u') },
  { dir: 'reverse', weight: 3, re: new RegExp(`(?:在|到|赴)(?:${BIG_ZH}|长三角|珠三角|大湾区)[^。；]{0,12}(?:设立|建立|建设|设|建|布局)[^。；]{0,8}(?:科创|创新|研发|孵化)(?:飞地|中心|平台)|前端研发[^。]{0,12}后端`, 'u') },
  { dir: 'reverse', weight: 3, re: new RegExp(`${WEAK_EN}[^.;]{0,60}\\b(?:in|at|into)\\s+${BIG_EN}`, 'iu') },
  { dir: 'forward', weight: 3, re: /产业转移|转移到|搬到|迁到|迁往|外迁|输出到|推广到|复制到|relocat\w*|\b(?:spread|roll\w* out|extend\w*|pass\w* on) (?:them |it |its \w+ )?to\b/iu },
  { dir: 'forward', weight: 3, re: new RegExp(`(?:发达|沿海|东部|强县|强市|${BIG_ZH})[^。；]{0,16}(?:在|到|赴|去|向)[^。；]{0,12}(?:欠发达|山区|西部|中西部|内陆|贫困|后发|县)`, 'u') },
  { dir: 'forward', weight: 3, re: new RegExp(`\\b(?:developed|wealthy|rich|richer|coastal|eastern|advanced)\\b[^.;]{0,50}\\b(?:in|to|into)\\s+(?:a |an |the )?${WEAK_EN}`, 'iu') },
];

const isEnglish = (text: string) => !/\p{Script=Han}/u.test(text);

function textHits(mode: Mode, text: string): SignalHit[] {
  const hits: SignalHit[] = [];
  for (const s of mode.compiled) {
    const m = s.re.exec(text);
    if (m) hits.push({ label: s.label, weight: s.weight, match: m[0] });
  }
  return hits;
}

/** Structured answers as signals: [mode, weight, label]. */
function answerHits(a: ModeAnswers): Array<[ModeId, number, string]> {
  const out: Array<[ModeId, number, string]> = [];
  const add = (id: ModeId, w: number, label: string) => out.push([id, w, label]);
  if (a.moreDeveloped === 'origin') {
    add('forward_industrial', 4, 'answers: the side that sets up the enclave is more developed');
    add('gov_guided_market', 1, 'answers: the side that sets up the enclave is more developed');
  } else if (a.moreDeveloped === 'host') {
    for (const [id, w] of [['reverse_innovation', 2], ['xiaobo', 1], ['eco_compensation', 1], ['cross_region_innovation_industry', 1]] as const)
      add(id, w, 'answers: the enclave sits in the more developed side');
  } else if (a.moreDeveloped === 'equal') add('two_way_co_built', 3, 'answers: both sides equally developed');
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

function decideDirection(mode: Mode, text: string, answers: ModeAnswers | undefined): Direction {
  if (mode.directionFixed) return mode.direction;
  const score: Record<Direction, number> = { forward: 0, reverse: 0, bidirectional: 0, relay: 0 };
  for (const c of DIRECTION_CUES) if (c.re.test(text)) score[c.dir] += c.weight;
  if (answers?.moreDeveloped === 'origin') score.forward += 3;
  if (answers?.moreDeveloped === 'host') score.reverse += 3;
  if (answers?.moreDeveloped === 'equal') score.bidirectional += 3;
  const best = (['bidirectional', 'reverse', 'forward'] as const).reduce((a, b) => (score[b] > score[a] ? b : a));
  const second = Math.max(...(['bidirectional', 'reverse', 'forward'] as const).filter((d) => d !== best).map((d) => score[d]));
  return score[best] >= 2 && score[best] > second ? best : mode.direction;
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
  const parsed = ClassifyInputSchema.parse(input);
  const answers = typeof parsed === 'string' ? undefined : parsed;
  const text = (typeof parsed === 'string' ? parsed : (parsed.text ?? '')).normalize('NFKC');
  const english = isEnglish(text);

  const hitsBy = new Map<ModeId, SignalHit[]>(MODES.map((m) => [m.id, textHits(m, text)]));
  if (answers) for (const [id, weight, label] of answerHits(answers)) if (weight > 0) hitsBy.get(id)!.push({ label, weight, match: '' });
  const scored = MODES.map((m, order) => ({ mode: m, order, hits: hitsBy.get(m.id)!, score: hitsBy.get(m.id)!.reduce((a, h) => a + h.weight, 0) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);

  const structured = !!answers && Object.keys(answers).some((k) => k !== 'text');
  // a cooperation word, structured answers, a defining signal, or plenty of evidence
  const aboutCooperation =
    COOPERATION.test(text) || structured || (scored[0]?.score ?? 0) >= CLEAR_SCORE || scored.some((c) => c.hits.some((h) => h.weight >= STRONG));
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
  return { primary: primary.id, direction: decideDirection(primary, text, answers), candidates, recommendations, sources };
}

export { MODE_BY_ID };
