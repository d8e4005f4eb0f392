/**
 * `/estimate 2平方公里 亩均250万元`: the output estimate from chat text — the area (平方公里/km²
 * or 亩/mu) and the output per 亩 with its unit — and its reply. The calculator is src/tools'
 * estimateOutput; a channel that sends pictures gets the chart (the figure beside its inputs).
 */
import { UserError } from '../errors';
import type { EstimateInput, EstimateResult } from '../tools';
import { estimateCaption } from './media';
import { p } from './replies';
import type { Block, EstimateChartInput, Lang, Reply } from './types';

export const ESTIMATE_TEXT_EXAMPLE = '/estimate 2平方公里 亩均250万元';

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const KM2 = new RegExp(String.raw`${NUM}\s*(?:平方公里|平方千米|km2|km²|sq\.?\s*km|square kilomet(?:er|re)s?)`, 'i');
const MU = new RegExp(String.raw`${NUM}\s*(万)?\s*(?:亩(?!均)|mu\b)`, 'i');
const PER_MU = [
  new RegExp(String.raw`(?:亩均(?:产出|产值|生产总值|税收|收入|GDP)?|每亩|per\s+mu)\s*[:：]?\s*${NUM}\s*(万元|亿元|元|万|亿|yuan)?`, 'i'),
  new RegExp(String.raw`${NUM}\s*(万元|亿元|元|万|亿|yuan)?\s*(?:\/|每|per\s+)\s*(?:亩|mu\b)`, 'i'),
];

/** The estimate's input from text; throws a UserError naming what is missing, with an example. */
export function estimateInputFromText(text: string): EstimateInput {
  let rest = text;
  let outputPerMu: number | undefined;
  let unit: string | undefined;
  for (const re of PER_MU) {
    const m = re.exec(rest);
    if (!m) continue;
    outputPerMu = Number(m[1]);
    unit = m[2] ? ({ 万: '万元', 亿: '亿元', yuan: '元' } as Record<string, string>)[m[2].toLowerCase()] ?? m[2] : undefined;
    rest = rest.replace(m[0], ' ');
    break;
  }
  const km2 = KM2.exec(rest);
  const mu = km2 ? undefined : MU.exec(rest);
  const area = km2 ? { km2: Number(km2[1]) } : mu ? { mu: Number(mu[1]) * (mu[2] ? 10_000 : 1) } : undefined;
  if (!area && outputPerMu === undefined) throw new UserError(`give the area and the output per 亩, e.g. ${ESTIMATE_TEXT_EXAMPLE}`);
  if (!area) throw new UserError(`the area is missing (平方公里 or 亩), e.g. ${ESTIMATE_TEXT_EXAMPLE}`);
  if (outputPerMu === undefined) throw new UserError(`the output per 亩 is missing (亩均 … 万元), e.g. ${ESTIMATE_TEXT_EXAMPLE}`);
  return { area, outputPerMu, ...(unit ? { unit } : {}) };
}

const TITLE = { zh: '产出估算', en: 'Output estimate' };
const STEPS = { zh: '计算步骤', en: 'Steps' };
const BASIS = { zh: '依据', en: 'Basis' };

/** The estimate as text (figure, steps, the corpus passage behind the method); with `media`, its chart first. */
export function estimateReply(input: EstimateInput, result: EstimateResult, lang: Lang, media: boolean, titleOf: (source: string) => string = (s) => s): Reply {
  const data: EstimateChartInput = { area: input.area, outputPerMu: input.outputPerMu, ...(input.unit ? { unit: input.unit } : {}), mu: result.mu, output: result.output };
  const blocks: Block[] = [p({ b: TITLE[lang] }), p(estimateCaption(data, lang).replace(/^[^：:]*[：:]\s*/, '')), p({ b: STEPS[lang] }), { kind: 'list', ordered: true, items: result.steps.map((s) => [s]) }];
  if (result.sources.length) blocks.push(p({ b: BASIS[lang] }), ...result.sources.map((s): Block => ({ kind: 'quote', parts: [s.quote, { i: ` — ${titleOf(s.source)}${s.section ? ` › ${s.section}` : ''}` }] })));
  return { blocks, ...(media ? { attachment: { kind: 'estimate-chart' as const, lang, data, caption: estimateCaption(data, lang) } } : {}) };
}
