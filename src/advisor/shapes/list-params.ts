/**
 * The three numbers that decide when a list question is answered by a list of the tree: the facet
 * fit's weight beside coverage, and the coverage a list needs when the sentence evidence is judged
 * sufficient or not. Fitted by `npm run train` (eval/train.ts, grid with leave-one-set-out) and
 * shipped as data in src/advisor/data/list-choice.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ListChoiceParamsSchema = z.object({
  facetWeight: z.number().min(0).max(2),
  minCoverage: z.number().min(0).max(1),
  aloneCoverage: z.number().min(0).max(1),
});
export type ListChoiceParams = z.infer<typeof ListChoiceParamsSchema>;

export const LIST_CHOICE_PATH = fileURLToPath(new URL('../data/list-choice.json', import.meta.url));

let fitted: ListChoiceParams | undefined;
/** The shipped, fitted parameters. */
export function listChoiceParams(): ListChoiceParams {
  fitted ??= ListChoiceParamsSchema.parse(JSON.parse(readFileSync(LIST_CHOICE_PATH, 'utf8')));
  return fitted;
}
