/** The enclave-mode catalogue: schema, validation of ./data/modes.ts, compiled signal patterns. */
import { z } from 'zod';
import { cite, CitationSchema, QuoteRefSchema } from './citations';
import { MODE_DATA } from './data/modes';
import { MechanismIdSchema } from './mechanisms';

export const MODE_IDS = [
  'forward_industrial',
  'reverse_innovation',
  'xiaobo',
  'eco_compensation',
  'enclave_relay',
  'two_way_co_built',
  'gov_guided_market',
  'talent_employment',
  'industry_innovation_linkage',
  'cross_region_innovation_industry',
  'gov_service_cooperation',
  'institutional_spillover',
  'trade_logistics',
] as const;
export const ModeIdSchema = z.enum(MODE_IDS);
export type ModeId = z.infer<typeof ModeIdSchema>;

export const DirectionSchema = z.enum(['forward', 'reverse', 'bidirectional', 'relay']);
export type Direction = z.infer<typeof DirectionSchema>;

const SignalSchema = z.object({
  label: z.string(),
  /** Regular expression source, matched case-insensitively against the whole text. */
  pattern: z.string().refine((p) => {
    try {
      new RegExp(p, 'iu');
      return true;
    } catch {
      return false;
    }
  }, 'invalid regular expression'),
  weight: z.number(),
});

export const ModeDataSchema = z.object({
  id: ModeIdSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  definitionZh: z.string(),
  definitionEn: z.string(),
  direction: DirectionSchema,
  directionFixed: z.boolean(),
  signals: z.array(SignalSchema).min(3),
  mechanisms: z.array(z.object({ id: MechanismIdSchema, whyZh: z.string(), whyEn: z.string() })).min(1),
  examples: z.array(z.object({ name: z.string(), nameEn: z.string(), note: z.string(), source: z.string() })).min(1),
  /**
   * This mode is a more specific case of `parent` when `pattern` (its defining trait) is in the text:
   * then the parent's content evidence counts for this mode too, so the specific mode wins.
   */
  refines: z.array(z.object({ parent: ModeIdSchema, label: z.string(), pattern: z.string() })).optional(),
  citations: z.array(QuoteRefSchema).min(1),
});
export type ModeData = z.infer<typeof ModeDataSchema>;

export const ModeSchema = ModeDataSchema.extend({ citations: z.array(CitationSchema) });
export interface Mode extends Omit<ModeData, 'citations'> {
  citations: ReturnType<typeof cite>[];
  /** Global ('g') so the classifier can skip a negated occurrence and look at the next one. */
  compiled: Array<{ label: string; weight: number; re: RegExp }>;
  compiledRefines: Array<{ parent: ModeId; label: string; re: RegExp }>;
}

function load(): Mode[] {
  const modes = z.array(ModeDataSchema).parse(MODE_DATA);
  const ids = modes.map((m) => m.id);
  for (const id of MODE_IDS) if (!ids.includes(id)) throw new Error(`mode catalogue lacks ${id}`);
  return modes.map((m) => ({
    ...m,
    citations: m.citations.map(cite),
    compiled: m.signals.map((s) => ({ label: s.label, weight: s.weight, re: new RegExp(s.pattern, 'giu') })),
    compiledRefines: (m.refines ?? []).map((r) => ({ parent: r.parent, label: r.label, re: new RegExp(r.pattern, 'giu') })),
  }));
}

export const MODES: Mode[] = load();
export const MODE_BY_ID: Record<ModeId, Mode> = Object.fromEntries(MODES.map((m) => [m.id, m])) as Record<ModeId, Mode>;
