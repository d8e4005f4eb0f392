/**
 * The answer/decline decision, fitted on the labelled question sets instead of hand-set: a logistic
 * regression over the evidence signals (decline.ts) and the question's shape. Its weights are data
 * (src/advisor/data/decision.json), reproduced by `npm run train`, which also prints the
 * leave-one-set-out figures and an ablation of each signal.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ANCHOR_MIN, type EvidenceSignals } from './decline';

/** The signals the model reads, each a number (booleans 0/1). */
export const DECISION_FEATURES = [
  'coverage',
  'sentenceCoverage',
  'figureCoverage',
  'figureAbsent',
  'missing',
  'unmatched',
  'anchor',
  'offTopic',
  'namesOnly',
  'noPerson',
  'topScore',
  'bankSimilarity',
] as const;
export type DecisionFeature = (typeof DECISION_FEATURES)[number];

export function decisionFeatures(s: EvidenceSignals): Record<DecisionFeature, number> {
  const figureAsked = s.figureCoverage !== undefined;
  const anchor = s.anchor === undefined || !Number.isFinite(s.anchor) ? (s.anchor === -Infinity ? 0 : 10) : Math.max(0, Math.min(10, s.anchor));
  return {
    coverage: s.coverage,
    sentenceCoverage: s.sentenceCoverage,
    // A question that asks no figure is as good as fully borne out on this count.
    figureCoverage: figureAsked ? s.figureCoverage! : s.coverage,
    figureAbsent: figureAsked && s.figureCoverage === 0 ? 1 : 0,
    missing: s.missing,
    unmatched: s.unmatched.length ? 1 : 0,
    anchor: anchor / 10,
    offTopic: s.anchor !== undefined && s.anchor < ANCHOR_MIN ? 1 : 0,
    namesOnly: s.namesOnly ? 1 : 0,
    noPerson: s.personNamed === false ? 1 : 0,
    topScore: Math.min(3, s.topScore) / 3,
    bankSimilarity: s.bankSimilarity ?? 0,
  };
}

export const DecisionModelSchema = z.object({
  features: z.array(z.enum(DECISION_FEATURES)).min(1),
  mean: z.array(z.number()),
  std: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** Answer when the probability that the corpus answers is at least this. */
  threshold: z.number().min(0).max(1),
  fittedOn: z.array(z.string()).optional(),
  note: z.string().optional(),
});
export type DecisionModel = z.infer<typeof DecisionModelSchema>;

export const DECISION_PATH = fileURLToPath(new URL('./data/decision.json', import.meta.url));

let fitted: DecisionModel | undefined;
export function fittedDecision(): DecisionModel {
  fitted ??= DecisionModelSchema.parse(JSON.parse(readFileSync(DECISION_PATH, 'utf8')));
  return fitted;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probability that the evidence answers the question. */
export function answerProbability(s: EvidenceSignals, model: DecisionModel = fittedDecision()): number {
  const f = decisionFeatures(s);
  let z = model.bias;
  model.features.forEach((name, i) => {
    z += model.weights[i]! * ((f[name] - model.mean[i]!) / model.std[i]!);
  });
  return sigmoid(z);
}

/**
 * A question with nothing searchable is never answered, nor a question asking who holds a title
 * when no sentence names a person beside one (facts of language, too rare in the labelled sets for
 * the model to learn); otherwise the fitted model decides.
 */
export function decideAnswer(s: EvidenceSignals, model: DecisionModel = fittedDecision()): boolean {
  if (s.concepts === 0 || s.personNamed === false) return false;
  return answerProbability(s, model) >= model.threshold;
}

/**
 * Fits an L2-regularised logistic regression by gradient descent on standardised features
 * (deterministic: zero start, fixed steps). Pure: the training script supplies the rows.
 */
export function fitLogistic<F extends string = DecisionFeature>(
  rows: Record<F, number>[],
  labels: number[],
  features: readonly F[] = DECISION_FEATURES as unknown as readonly F[],
  opts: { l2?: number; steps?: number; rate?: number } = {},
): { features: F[]; mean: number[]; std: number[]; weights: number[]; bias: number } {
  const l2 = opts.l2 ?? 0.01;
  const steps = opts.steps ?? 3000;
  const rate = opts.rate ?? 0.5;
  const n = rows.length;
  const mean = features.map((f) => rows.reduce((a, r) => a + r[f], 0) / n);
  const std = features.map((f, i) => Math.sqrt(rows.reduce((a, r) => a + (r[f] - mean[i]!) ** 2, 0) / n) || 1);
  const X = rows.map((r) => features.map((f, i) => (r[f] - mean[i]!) / std[i]!));
  const w = features.map(() => 0);
  let b = 0;
  for (let step = 0; step < steps; step++) {
    const gw = w.map(() => 0);
    let gb = 0;
    for (let k = 0; k < n; k++) {
      const p = sigmoid(b + X[k]!.reduce((a, x, i) => a + x * w[i]!, 0));
      const err = p - labels[k]!;
      X[k]!.forEach((x, i) => (gw[i]! += err * x));
      gb += err;
    }
    w.forEach((_, i) => (w[i] = w[i]! - rate * (gw[i]! / n + l2 * w[i]!)));
    b -= rate * (gb / n);
  }
  return { features: [...features], mean, std, weights: w, bias: b };
}

/** The threshold that maximises the mean of the answered and declined rates on the given rows. */
export function balancedThreshold(probabilities: number[], labels: number[]): number {
  const candidates = [...new Set(probabilities.map((p) => Math.round(p * 1000) / 1000))].sort((a, b) => a - b);
  let best = 0.5;
  let bestScore = -1;
  for (const t of candidates) {
    const { answered, declined } = rates(probabilities, labels, t);
    const score = (answered + declined) / 2;
    if (score > bestScore + 1e-9) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

/** Share of answerable rows answered and of unanswerable rows declined at threshold `t`. */
export function rates(probabilities: number[], labels: number[], t: number): { answered: number; declined: number } {
  let pos = 0;
  let neg = 0;
  let tp = 0;
  let tn = 0;
  probabilities.forEach((p, i) => {
    if (labels[i]) {
      pos++;
      if (p >= t) tp++;
    } else {
      neg++;
      if (p < t) tn++;
    }
  });
  return { answered: pos ? tp / pos : 1, declined: neg ? tn / neg : 1 };
}
