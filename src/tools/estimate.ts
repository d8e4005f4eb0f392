/**
 * Output estimate from area: mu = km² × 1500 (1 km² = 1500 亩), output = mu × outputPerMu.
 * `output` is in the unit of `outputPerMu` (万元/亩 in → 万元 out). Corpus example (庆元县 生态补偿飞地):
 * 2 km² at 250万元/亩 → 3000 亩 → 750000万元 = 75亿元. Exact (rational) arithmetic.
 */
import { z } from 'zod';
import { UserError } from '../errors';
import { CitationSchema } from './citations';
import { mechanismCitations } from './mechanisms';
import { groupDigits, Q, trimDecimal } from './rational';
import { nonNegative, zodUserError } from './schema-errors';

export const MU_PER_KM2 = 1500;
export const ESTIMATE_EXAMPLE = '{"area": {"km2": 2}, "outputPerMu": 250, "unit": "万元"}';

export const EstimateInputSchema = z.object({
  area: z
    .object({ km2: nonNegative('area in square kilometres').optional(), mu: nonNegative('area in 亩 (mu)').optional() }, { error: 'is required: {"km2": 2} or {"mu": 3000}' })
    .refine((a) => (a.km2 === undefined) !== (a.mu === undefined), { error: 'must give exactly one of km2 or mu, e.g. {"km2": 2}' }),
  outputPerMu: nonNegative('output per 亩, in any unit; the output is in the same unit'),
  unit: z.string().optional().describe('unit of outputPerMu and output, e.g. 万元 (label only)'),
});
export type EstimateInput = z.infer<typeof EstimateInputSchema>;

export const EstimateResultSchema = z.object({
  mu: z.number(),
  output: z.number(),
  steps: z.array(z.string()),
  sources: z.array(CitationSchema),
});
export type EstimateResult = z.infer<typeof EstimateResultSchema>;

const fmt = (q: Q) => groupDigits(trimDecimal(q.toFixed(6)));

/** 750000 万元 → "75亿元"; other units are shown as they are. */
export function inYuanWords(value: Q, unit: string | undefined): string | undefined {
  const yuan = unit === '万元' ? value.mul(Q.int(10_000)) : unit === '元' ? value : unit === '亿元' ? value.mul(Q.int(100_000_000)) : undefined;
  if (!yuan) return undefined;
  if (yuan.cmp(Q.int(100_000_000)) >= 0) return `${fmt(yuan.div(Q.int(100_000_000)))}亿元`;
  if (yuan.cmp(Q.int(10_000)) >= 0) return `${fmt(yuan.div(Q.int(10_000)))}万元`;
  return `${fmt(yuan)}元`;
}

export function estimateOutput(raw: unknown): EstimateResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UserError(`the input must be one JSON object. Example: ${ESTIMATE_EXAMPLE}`);
  const parsed = EstimateInputSchema.safeParse(raw);
  if (!parsed.success) throw zodUserError(parsed.error, ESTIMATE_EXAMPLE);
  const { area, outputPerMu, unit } = parsed.data;
  const steps: string[] = [];
  let mu: Q;
  if (area.km2 !== undefined) {
    mu = Q.from(area.km2).mul(Q.int(MU_PER_KM2));
    steps.push(`面积：${fmt(Q.from(area.km2))} 平方公里 × ${MU_PER_KM2} 亩/平方公里 = ${fmt(mu)} 亩`);
  } else {
    mu = Q.from(area.mu!);
    steps.push(`面积：${fmt(mu)} 亩`);
  }
  const output = mu.mul(Q.from(outputPerMu));
  const u = unit ?? '';
  const words = inYuanWords(output, unit);
  steps.push(`产出 = ${fmt(mu)} 亩 × ${fmt(Q.from(outputPerMu))}${u ? ` ${u}` : ''}/亩 = ${fmt(output)}${u ? ` ${u}` : ''}${words && words !== `${fmt(output)}${u}` ? `（= ${words}）` : ''}`);
  if (!unit) steps.push('产出单位与“亩均产出”相同（例如亩均 250 万元 → 产出以万元计）');
  const result = { mu: mu.toNumber(6), output: output.toNumber(6) };
  if (!Number.isFinite(result.mu) || !Number.isFinite(result.output))
    throw new UserError(`the result is too large to compute (over 1.8e308); check area and outputPerMu. Example: ${ESTIMATE_EXAMPLE}`);
  return { ...result, steps, sources: mechanismCitations(['area_estimate']) };
}
