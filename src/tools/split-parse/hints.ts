/**
 * Answers to a clarifying question, fed back into the parser with the original text. Stored in the
 * chat session while the question is open, so they are zod-validated at that boundary.
 */
import { z } from 'zod';

export const SplitHintsSchema = z.object({
  /** The total to split (元), when the text had none or several. */
  revenue: z.number().nonnegative().finite().optional(),
  /** Who gets the ratio's parts, in the ratio's order (衢州拿六成还是四成？). */
  order: z.array(z.string().min(1).max(40)).min(2).max(8).optional(),
  /** How many years the schedule covers (算几年？). */
  years: z.number().int().min(1).max(100).optional(),
  /** The name of the party the text left unnamed (另一方是谁？). */
  other: z.string().trim().min(1).max(40).optional(),
  /** Who keeps the baseline. */
  baselineOwner: z.string().min(1).max(40).optional(),
});
export type SplitHints = z.infer<typeof SplitHintsSchema>;

export type ClarifyKind = 'ratio_owner' | 'revenue' | 'two_totals' | 'other_party' | 'years' | 'baseline_owner';

/** One short question with its choices; no choices means the answer is typed (an amount, a name). */
export interface SplitQuestion {
  kind: ClarifyKind;
  zh: string;
  en: string;
  options: Array<{ zh: string; en: string; hints: SplitHints }>;
  /** What a typed answer is read as. */
  typed?: 'amount' | 'name' | 'years';
}
