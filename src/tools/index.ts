/**
 * The deterministic tools: benefit-sharing calculator, area estimate, enclave-mode classifier.
 * `toolDefinitions` describes them for the LLM agent with the same zod schemas the CLI uses.
 */
import { z } from 'zod';
import { classifyMode, ModeAnswersSchema, ModeResultSchema } from './classify';
import { estimateOutput, EstimateInputSchema, EstimateResultSchema } from './estimate';
import { computeSplit, SplitInputSchema, SplitResultSchema } from './split';

export * from './citations';
export * from './classify';
export * from './estimate';
export * from './format';
export * from './mechanisms';
export * from './modes';
export * from './split';
export * from './split-text';

/** Input of classify_enclave_mode for an agent: a description and/or structured answers. */
export const ClassifyToolInputSchema = ModeAnswersSchema.extend({
  text: z.string().optional().describe('the partnership as described by the user (Chinese or English)'),
});

export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: 'compute_benefit_split' | 'estimate_output' | 'classify_enclave_mode';
  description: string;
  schema: I;
  resultSchema: O;
  /** Throws UserError on bad input (message says what to fix). */
  run: (input: z.infer<I>) => z.infer<O>;
}

export const toolDefinitions = [
  {
    name: 'compute_benefit_split',
    description:
      'Exact benefit-sharing split (收益分成) between two or more parties: agreed ratio or contribution-weighted shares, optional floors (收益保底), baseline kept by its owner (增量分成), buffer years (缓冲年限), fixed ratios by period (phases: 前四年九一，之后六四), fixed amounts or percentages paid first (carveOut: 村集体保底100万，剩下的六四分; 管委会先提10%作管理费) and per-year revenue. Amounts in yuan, rounded to the cent, summing to the revenue. Returns shares, amounts, optional schedule, steps and corpus sources.',
    schema: SplitInputSchema,
    resultSchema: SplitResultSchema,
    run: (input: z.infer<typeof SplitInputSchema>) => computeSplit(input),
  } satisfies ToolDefinition<typeof SplitInputSchema, typeof SplitResultSchema>,
  {
    name: 'estimate_output',
    description:
      'Output of an enclave from its area: area in km² or 亩 (1 km² = 1500 亩) × output per 亩; the output is in the unit of outputPerMu (e.g. 2 km² at 250 万元/亩 → 3000 亩, 750000 万元 = 75亿元).',
    schema: EstimateInputSchema,
    resultSchema: EstimateResultSchema,
    run: (input: z.infer<typeof EstimateInputSchema>) => estimateOutput(input),
  } satisfies ToolDefinition<typeof EstimateInputSchema, typeof EstimateResultSchema>,
  {
    name: 'classify_enclave_mode',
    description:
      'Classifies a proposed partnership into an enclave mode of the corpus (forward industrial, reverse innovation, 消薄, ecological compensation, enclave relay, two-way co-built, government-guided market operation, talent/training/employment, industry+innovation linkage, cross-regional innovation, government services, FTZ institutional spillover, trade logistics) with direction, scored signals, recommended benefit-sharing mechanisms and corpus sources. primary is null when the text is not about a cooperation or too vague; then `missing` says what to ask.',
    schema: ClassifyToolInputSchema,
    resultSchema: ModeResultSchema,
    run: (input: z.infer<typeof ClassifyToolInputSchema>) => classifyMode(input),
  } satisfies ToolDefinition<typeof ClassifyToolInputSchema, typeof ModeResultSchema>,
] as const;
