/**
 * How a candidate sentence is scored as an answer: the signals read from it (coverage of the
 * question's concepts, its heading, the hit it comes from, figures, definitions, places, the
 * question bank's answer spans), and the weights that combine them. The weights are fitted by
 * `npm run train` (eval/train.ts: logistic regression on which sentences hold a gold quote's key
 * facts, with leave-one-set-out) and shipped as data in src/advisor/data/sentence-model.json;
 * `mode: "hand"` keeps the hand-set sum the fitted model is compared with.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { logisticProbability } from '../logistic';

export const SENTENCE_FEATURES = [
  'coverage',
  'headingGain',
  'contextCoverage',
  'prior',
  'numbers',
  'definitionVerb',
  'definitionStart',
  'definitionPattern',
  'freshFigure',
  'measuredFigure',
  'places',
  'short',
  'english',
  'long',
  'bankAnswer',
  'aboutPaper',
  'namedPaper',
  'instance',
] as const;
export type SentenceFeature = (typeof SENTENCE_FEATURES)[number];
export type SentenceFeatures = Record<SentenceFeature, number>;

/** The hand-set weights (the score before fitting): a sum of the signals. */
export const HAND_WEIGHTS: SentenceFeatures = {
  coverage: 1,
  headingGain: 0.5,
  contextCoverage: 0.3,
  prior: 0.2,
  numbers: 0.1,
  definitionVerb: 0.15,
  definitionStart: 0.1,
  definitionPattern: 1,
  freshFigure: 0.1,
  measuredFigure: 0.1,
  places: 0.08,
  short: -0.15,
  english: -0.2,
  long: -0.1,
  bankAnswer: 0,
  aboutPaper: 0,
  namedPaper: 0,
  // chosen by leave-one-set-out over 0–1.5 on 31 sets: 0.7 in 30 folds (359 misses of 2 003 against 365 without it)
  instance: 0.7,
};

const LogisticSchema = z.object({
  features: z.array(z.enum(SENTENCE_FEATURES)).min(1),
  mean: z.array(z.number()),
  std: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
});

export const SentenceModelSchema = z.object({
  /** 'fitted': the logistic model scores; 'hand': the hand-set sum (plus bankWeight × bankAnswer). */
  mode: z.enum(['fitted', 'hand']),
  /** How many of the bank entries closest to the question lend their answer spans. */
  bankEntries: z.number().int().min(1).max(10),
  /** In hand mode, the weight of a sentence among the bank's answer spans. */
  bankWeight: z.number().min(0).max(2).default(0),
  /** In hand mode, the weight of a sentence about the paper itself when the question is not about the paper (≤ 0). */
  paperWeight: z.number().min(-2).max(0).default(0),
  /** In hand mode, the weight of a sentence in (+) or outside (−) the papers a question names as papers. */
  namedWeight: z.number().min(0).max(2).default(0),
  model: LogisticSchema.optional(),
  fittedOn: z.array(z.string()).optional(),
  note: z.string().optional(),
});
/** A sentence model as written (the weights a mode does not use may be left out: they default to 0). */
export type SentenceModel = z.input<typeof SentenceModelSchema>;

export const SENTENCE_MODEL_PATH = fileURLToPath(new URL('../data/sentence-model.json', import.meta.url));

let shipped: SentenceModel | undefined;
/** The shipped sentence model. */
export function sentenceModel(): SentenceModel {
  shipped ??= SentenceModelSchema.parse(JSON.parse(readFileSync(SENTENCE_MODEL_PATH, 'utf8')));
  return shipped;
}

/** A sentence's score under the model: the fitted probability that it holds what was asked, or the hand-set sum. */
export function sentenceScore(f: SentenceFeatures, m: SentenceModel): number {
  if (m.mode === 'fitted' && m.model) return logisticProbability(m.model, f);
  let s = 0;
  for (const name of SENTENCE_FEATURES) s += (name === 'bankAnswer' ? (m.bankWeight ?? 0) : name === 'aboutPaper' ? (m.paperWeight ?? 0) : name === 'namedPaper' ? (m.namedWeight ?? 0) : HAND_WEIGHTS[name]) * f[name];
  return s;
}
