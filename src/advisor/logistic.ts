/**
 * Logistic regression, the one model form the advisor fits on data (the answer/decline decision,
 * and the logistic alternative for sentence scoring): its probability on standardised features, and
 * its fitting. Pure: the training script supplies the rows.
 */

/** A fitted model: per feature its mean and standard deviation (for standardising) and weight. */
export interface LogisticModel<F extends string> {
  features: readonly F[];
  mean: readonly number[];
  std: readonly number[];
  weights: readonly number[];
  bias: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The model's probability for one row of features. */
export function logisticProbability<F extends string>(model: LogisticModel<F>, f: Record<F, number>): number {
  let z = model.bias;
  model.features.forEach((name, i) => {
    z += model.weights[i]! * ((f[name] - model.mean[i]!) / model.std[i]!);
  });
  return sigmoid(z);
}

/**
 * Fits an L2-regularised logistic regression by gradient descent on standardised features
 * (deterministic: zero start, fixed steps).
 */
export function fitLogistic<F extends string>(
  rows: Record<F, number>[],
  labels: number[],
  features: readonly F[],
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
