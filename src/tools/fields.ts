/**
 * Structured answers written into free text. Officials often type the guided form's questions as
 * labelled lines (“节点数：3；是否跨境：是”, "Who is more developed: Hangzhou. R&D: in Hangzhou.
 * Production: in our county.", “参与方：村集体；流动：土地指标、资金”) or list the stations of a chain
 * (“深圳做设计，南宁做中试，河内组装”). This module reads those into the same `ModeAnswers` the
 * structured form produces, so the classifier scores them with one set of rules. Pure, no I/O.
 */
import type { ModeAnswers } from './classify';
import { BIG_EN, BIG_ZH, WEAK_EN, WEAK_ZH } from './data/places';

type Place = 'developed' | 'less_developed' | 'both' | 'abroad' | 'none';
type Participant = NonNullable<ModeAnswers['participants']>[number];
type Flow = NonNullable<ModeAnswers['flows']>[number];

/** The value of the first labelled field `label: value` (value ends at a clause end; lists may keep commas). */
function field(text: string, label: string, lists = false): string | undefined {
  const end = lists ? String.raw`(?=[；;。\n]|\.\s|\.$|$)` : String.raw`(?=[；;。\n，,]|\.\s|\.$|$)`;
  const m = new RegExp(String.raw`(?:^|[\s；;。，,(（])(?:${label})\s*[:：]\s*(.+?)${end}`, 'iu').exec(text);
  return m?.[1]?.trim() || undefined;
}

const NUM: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : NUM[s.toLowerCase()]);

const ABROAD = /境外|国外|海外|东南亚|越南|泰国|马来西亚|印尼|老挝|柬埔寨|缅甸|abroad|overseas|foreign|southeast asia|vietnam|thailand|malaysia|indonesia|laos|cambodia|myanmar/iu;
const BOTH = /^(?:两地|双方|两边|都有|各自|both|either|each)/iu;
const NONE = /^(?:无|没有|不涉及|none|no\b|n\/a|neither)/iu;
const ORIGIN_WORD = /飞出地|飞出方|输出地|发起方|发起地|设立飞地的一方|\borigin\b|sending|initiat\w*|the side that sets up|outgoing/iu;
const HOST_WORD = /飞入地|飞入方|承接地|承接方|接收地|所在地|\bhost\b|receiving/iu;
const EQUAL_WORD = /相当|差不多|相近|都|一样|equal|similar|same|neither|both|comparable/iu;
const HOME_WORD = /本地|本县|本市|当地|家乡|老家|县里|\bhome\b|our (?:own )?(?:county|city|town|region|province)|\blocal(?:ly)?\b/iu;
const DEV_PLACE = new RegExp(`(?<![欠不])发达|经济强|沿海|${BIG_ZH}|\\b(?:developed|rich|richer|wealthy|prosperous|advanced|coastal|hub)\\b|${BIG_EN}`, 'iu');
const WEAK_PLACE = new RegExp(`欠发达|不发达|加快发展|${WEAK_ZH}|${WEAK_EN}|\\bless developed\\b`, 'iu');

const norm = (s: string) => s.toLowerCase().replace(/^(?:the|our|a|an)\s+/, '').replace(/[（(].*$/u, '').trim();
const same = (a?: string, b?: string) => !!a && !!b && (norm(a).includes(norm(b)) || norm(b).includes(norm(a))) && norm(a).length > 1 && norm(b).length > 1;

const MORE_DEV_LABEL = String.raw`更发达的一方|哪一?方更发达|谁更发达|较发达(?:的)?一方|经济更发达的一方|发达一方|更发达|who(?:'s| is) more developed|which side is more developed|more developed(?: side| party| region| partner)?|developed side`;
const ORIGIN_LABEL = String.raw`飞出地|飞出方|输出地|转出地|origin|sending (?:side|region)`;
const HOST_LABEL = String.raw`飞入地|飞入方|承接地|转入地|host|receiving (?:side|region)`;
const INITIATOR_LABEL = String.raw`发起方|发起地|牵头方|initiator|initiated by|who initiates|who sets up the enclave`;
const RD_LABEL = String.raw`研发孵化|研发(?:在哪里|在哪|地点|所在地|环节|端)?|r&d(?: location| site| happens| is| takes place)?|research(?: and development)?(?: location)?`;
const PROD_LABEL = String.raw`生产(?:在哪里|在哪|地点|所在地|环节|端)?|制造(?:环节)?|产业化|量产|production(?: location| site| happens| is| takes place)?|manufacturing(?: location)?`;
const NODES_LABEL = String.raw`节点数(?:量)?|节点个数|节点|number of nodes|node count|nodes|stations`;
const BORDER_LABEL = String.raw`是否跨境|是否跨国|跨境与否|跨境|跨国|cross[- ]border\??|crosses (?:a |the )?(?:national )?border\??|international\??`;
const PART_LABEL = String.raw`参与方|参与主体|参与者|合作主体|participants?|who takes part|who participates|parties`;
const FLOW_LABEL = String.raw`流动要素|要素流动|流动的?(?:是|内容)?|流动|flows?|what flows|what moves|resources? (?:moved|flowing)`;

/** Who is more developed, from a “more developed: …” field resolved against the other fields. */
function readMoreDeveloped(text: string): ModeAnswers['moreDeveloped'] {
  const v = field(text, MORE_DEV_LABEL);
  if (!v) return undefined;
  if (ORIGIN_WORD.test(v)) return 'origin';
  if (HOST_WORD.test(v)) return 'host';
  if (EQUAL_WORD.test(v)) return 'equal';
  const [o, h, init] = [field(text, ORIGIN_LABEL), field(text, HOST_LABEL), field(text, INITIATOR_LABEL)];
  if (same(v, o)) return 'origin';
  if (same(v, h)) return 'host';
  if (init) return same(v, init) ? 'origin' : 'host';
  // the named place as actor (“Ningbo will relocate…”) or as where something is set up (“…an incubator in Hangzhou”)
  const name = norm(v).replace(/[^\p{L}\p{N}' -]/gu, '').trim();
  if (name.length < 2) return undefined;
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const actor = new RegExp(`${esc}[^。；;.]{0,12}(?:will|plans?|wants?|is going|moves?|relocat|builds?|sets? up|invests?|transfers?|把|将|准备|计划|打算|到|去|在)`, 'iu');
  const place = new RegExp(`(?:设|建|租|布局|设立|set up|open|rent|build|establish|locat)[^。；;.]{0,30}(?:\\b(?:in|at|inside|into)\\s+(?:the\\s+)?|在|于)${esc}`, 'iu');
  const rest = text.replace(new RegExp(`(?:${MORE_DEV_LABEL})\\s*[:：]\\s*[^；;。\\n]*`, 'iu'), '');
  const [a, p] = [actor.test(rest), place.test(rest)];
  return a && !p ? 'origin' : p && !a ? 'host' : undefined;
}

/** Where an activity happens, as the answers' categories. */
function place(v: string | undefined, moreDeveloped: ModeAnswers['moreDeveloped'], devName?: string): Place | undefined {
  if (!v) return undefined;
  if (NONE.test(v)) return 'none';
  if (BOTH.test(v)) return 'both';
  if (ABROAD.test(v)) return 'abroad';
  const side = ORIGIN_WORD.test(v) ? 'origin' : HOST_WORD.test(v) ? 'host' : undefined;
  if (side && (moreDeveloped === 'origin' || moreDeveloped === 'host')) return side === moreDeveloped ? 'developed' : 'less_developed';
  if (devName && same(v, devName)) return 'developed';
  if (HOME_WORD.test(v) || WEAK_PLACE.test(v)) return 'less_developed';
  if (DEV_PLACE.test(v)) return 'developed';
  return undefined;
}

const PARTICIPANTS: Array<[RegExp, Participant]> = [
  [/村集体|薄弱村|行政村|村级|village/iu, 'village_collectives'],
  [/生态功能|生态县|水源|ecolog/iu, 'eco_function_county'],
  [/自贸|free[- ]trade|\bftz/iu, 'free_trade_zone'],
  [/运营公司|运营商|开发公司|管理公司|专业机构|operat\w* (?:company|firm)|operator|management company/iu, 'operating_company'],
  [/国企|国有平台|国资|state[- ]owned/iu, 'state_platform'],
  [/社会资本|民营|民间资本|private/iu, 'private_capital'],
  [/劳动力|工人|农民工|workers|labou?r/iu, 'workers'],
  [/高校|大学|科研院所|universit|research institute/iu, 'universities'],
  [/物流|港口|陆港|班列|logistic|port\b|rail/iu, 'logistics_hub'],
];
const FLOWS: Array<[RegExp, Flow]> = [
  [/土地指标|用地指标|land[- ]?(?:use )?quota/iu, 'land_quota'],
  [/资金|资本|capital|money|funds?/iu, 'capital'],
  [/人才|talent/iu, 'talent'],
  [/技术|technolog/iu, 'technology'],
  [/项目|projects?/iu, 'projects'],
  [/培训|training/iu, 'training'],
  [/就业|岗位|jobs?|employment/iu, 'jobs'],
  [/货物|货源|商品|goods|cargo|freight/iu, 'goods'],
  [/政务|government services?/iu, 'government_services'],
  [/制度|改革经验|institutional|reforms?/iu, 'institutional_experience'],
];

/** Stations of a chain: “深圳做设计，南宁做中试，河内组装” / "design in Shenzhen, assembly in Hanoi". */
const STAGE_ZH = '研发|设计|中试|中转|转运|通关|组装|装配|总装|封装|封测|测试|制造|生产|加工|销售|集散|标准(?:适配|转换|制定)|品牌|孵化|分拨|物流|配送|整机';
const STAGE_EN = String.raw`r&d|research|design|headquarters|pilot(?: production)?|transit|trans-?shipment|customs|integration|assembly|packaging|testing|manufactur\w*|production|processing|sales|distribution|marketing|incubation`;
const PLACE_ZH = new RegExp(`${BIG_ZH}|${WEAK_ZH}|[市县区省州港国城湾谷岛镇]$|东南亚|越南|泰国|马来西亚|印尼|老挝|柬埔寨|缅甸|新加坡|河内|胡志明|曼谷|万象|金边|广西|云南|海南|凭祥|钦州|南宁|昆明|贵阳|东莞|佛山`, 'u');
const GENERIC_PLACE = /^(?:本地|当地|全国|全球|国内|海外|境外|各地|两地|本县|本市|县里|市里|那边|这边|那里|这里|异地|外地|我们|他们|对方|双方|企业|园区)$/u;
function stations(text: string): number {
  const places = new Set<string>();
  const kinds = new Set<string>();
  for (const seg of text.split(/[，,、；;。：:\n]|\band\b/u)) {
    const zh = new RegExp(`^\\s*(?:由|在|起点|中转|终点)?([\\p{Script=Han}]{2,8}?)(?:的园区|的工厂|园区)?(?:负责|做|搞|承担|进行|来|主攻|专做|完成|作为)?(?:芯片|产品|整机|终端|核心)?(${STAGE_ZH})`, 'u').exec(seg);
    const zh2 = new RegExp(`(${STAGE_ZH})[^\\p{Script=Han}]{0,2}(?:放)?在([\\p{Script=Han}]{2,8})`, 'u').exec(seg);
    // English: a stage word and a capitalised place after in/at in the same clause
    const enStage = new RegExp(String.raw`\b(${STAGE_EN})\b`, 'iu').exec(seg);
    const enPlace = /\b(?:in|at)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})/u.exec(seg);
    const hit: Array<[string, string]> = [];
    // a Chinese station needs a verb (杭州做设计) or a name that reads as a place (成都组装, 越南组装)
    if (zh && (zh[0].match(/负责|做|搞|承担|进行|来|主攻|专做|完成|作为/u) || PLACE_ZH.test(zh[1]))) hit.push([zh[1], zh[2]]);
    else if (zh2) hit.push([zh2[2], zh2[1]]);
    if (enStage && enPlace) hit.push([enPlace[1], enStage[1].toLowerCase()]);
    for (const [p, k] of hit) {
      const name = p.replace(/(?:负责|承担|进行|主攻|专做|完成|作为)$/u, '');
      if (GENERIC_PLACE.test(name)) continue;
      places.add(name.toLowerCase());
      kinds.add(k);
    }
  }
  return places.size >= 3 && kinds.size >= 2 ? places.size : 0;
}

/** Answers found in the text; `found` is false when the text carries none. */
export function readFields(text: string): { answers: ModeAnswers; found: boolean } {
  const a: ModeAnswers = {};
  const md = readMoreDeveloped(text);
  if (md) a.moreDeveloped = md;
  const devName = field(text, MORE_DEV_LABEL);
  const rd = place(field(text, RD_LABEL), a.moreDeveloped, devName);
  const prod = place(field(text, PROD_LABEL), a.moreDeveloped, devName);
  if (rd) a.rdLocation = rd;
  if (prod) a.productionLocation = prod;

  const nodesField = field(text, NODES_LABEL);
  const nodesWord = new RegExp(String.raw`(\d+|[两二三四五六七八九]|two|three|four|five|six|seven|eight|nine)[ -]?(?:个)?(?:节点|nodes?\b|stations\b|places along the chain)`, 'iu').exec(text)?.[1];
  // “节点：3” or a listed chain “节点：深圳→南宁→河内”
  const listed = nodesField?.split(/[、,，→>—\/]|-{1,2}>?|\s+to\s+/u).filter((x) => x.trim()).length ?? 0;
  const n = nodesField
    ? (num(/(\d+|[两二三四五六七八九]|two|three|four|five|six|seven|eight|nine)/iu.exec(nodesField)?.[1] ?? '') ?? (listed >= 2 ? listed : undefined))
    : nodesWord
      ? num(nodesWord)
      : undefined;
  const s = stations(text);
  if (n && n >= 1 && n <= 50) a.nodes = n;
  else if (s) a.nodes = s;

  const border = field(text, BORDER_LABEL);
  if (border && /^(?:是|跨境|yes|true|y\b)/iu.test(border)) a.crossBorder = true;

  const parts = field(text, PART_LABEL, true);
  if (parts) {
    const p = PARTICIPANTS.filter(([re]) => re.test(parts)).map(([, id]) => id);
    if (p.length) a.participants = p;
  }
  const flows = field(text, FLOW_LABEL, true);
  if (flows) {
    const f = FLOWS.filter(([re]) => re.test(flows)).map(([, id]) => id);
    if (f.length) a.flows = f;
  }
  return { answers: a, found: Object.keys(a).length > 0 };
}
