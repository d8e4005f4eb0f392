/**
 * Traditional characters (溫州文成四六開, 基數800萬歸衢州) are read as Simplified, so one grammar and one
 * dictionary serve both; the parties in the result keep the spelling the user typed (溫州), except the role
 * nouns, which are terms with one spelling (飛出地 → 飞出地; ./index).
 */
import { simplify } from '../../knowledge/normalize';
import type { SplitInput } from '../split';

export interface Reading {
  /** The text the parser reads (Simplified). */
  text: string;
  /** A party name (or any text shown back) as read → spelled as the user typed its characters (unchanged for Simplified text). */
  respell: (name: string) => string;
}

export function readSimplified(typed: string): Reading {
  const text = simplify(typed);
  // OpenCC maps character for character here almost always; when a phrase changed length, names stay Simplified
  if (text === typed || text.length !== typed.length) return { text, respell: (n) => n };
  // each Simplified character back to the form the user typed it in (the first one, if typed two ways);
  // a name the parser added (飞出地 beside a typed 飛入地) is respelled the same way
  const typedForm = new Map<string, string>();
  for (let i = 0; i < text.length; i++) if (text[i] !== typed[i] && !typedForm.has(text[i])) typedForm.set(text[i], typed[i]);
  return { text, respell: (name) => [...name].map((c) => typedForm.get(c) ?? c).join('') };
}

const renameKeys = (rec: Record<string, number>, r: (n: string) => string) => Object.fromEntries(Object.entries(rec).map(([k, v]) => [r(k), v]));

/** The calculator's input with every party name respelled. */
export function respellInput(input: SplitInput, r: (n: string) => string): SplitInput {
  return {
    ...input,
    parties: input.parties.map((p) => ({ ...p, name: r(p.name) })),
    ...(input.baseline ? { baseline: { ...input.baseline, owner: r(input.baseline.owner) } } : {}),
    ...(input.transition ? { transition: { ...input.transition, from: renameKeys(input.transition.from, r) } } : {}),
    ...(input.phases ? { phases: input.phases.map((p) => ({ ...p, shares: renameKeys(p.shares, r) })) } : {}),
    ...(input.carveOut ? { carveOut: input.carveOut.map((c) => ({ ...c, owner: r(c.owner) })) } : {}),
  };
}
