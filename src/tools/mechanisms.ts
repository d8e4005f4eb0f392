/** Benefit-sharing mechanisms the calculator implements, each grounded in corpus quotes (data/mechanisms.json). */
import { z } from 'zod';
import data from './data/mechanisms.json';
import { cite, QuoteRefSchema, type Citation } from './citations';

export const MECHANISM_IDS = [
  'agreed_ratio',
  'contribution_weighted',
  'floor',
  'transition',
  'incremental',
  'relay_chain',
  'indicator_sharing',
  'area_estimate',
] as const;
export const MechanismIdSchema = z.enum(MECHANISM_IDS);
export type MechanismId = z.infer<typeof MechanismIdSchema>;

const MechanismDataSchema = z.object({
  id: MechanismIdSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string(),
  /** Something to type into the calculator (chat text or JSON) that uses this mechanism. */
  example: z.string(),
  citations: z.array(QuoteRefSchema).min(1),
});
export type Mechanism = Omit<z.infer<typeof MechanismDataSchema>, 'citations'> & { citations: Citation[] };

export const MECHANISMS: Record<MechanismId, Mechanism> = Object.fromEntries(
  z
    .array(MechanismDataSchema)
    .parse(data)
    .map((m) => [m.id, { ...m, citations: m.citations.map(cite) }]),
) as Record<MechanismId, Mechanism>;

for (const id of MECHANISM_IDS) if (!MECHANISMS[id]) throw new Error(`mechanisms.json lacks mechanism ${id}`);

export function mechanismCitations(ids: Iterable<MechanismId>): Citation[] {
  return [...new Set(ids)].flatMap((id) => MECHANISMS[id].citations);
}
