#!/usr/bin/env tsx
/**
 * `npm run train`: fits the retriever's fusion weights (src/retrieval/data/fusion.json) on the
 * labelled question sets, and prints leave-one-set-out figures so the fit's generalisation shows.
 *
 * Each question's channel scores are computed once; a weight vector then only re-sums them, so an
 * exhaustive grid is cheap. The objective is mean reciprocal rank of the first relevant unit in the
 * top 5 (the same relevance as `npm run eval`). Questions are split by the row of the weight table
 * they use (list questions vs the rest). Only the sets named below are used: blind sets that have not
 * been measured yet must never be trained on.
 */
import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { CHANNELS, FUSION_PATH, fusionRow, type ChannelName, type FusionTable, type FusionWeights } from '../src/retrieval/knowledge';
import { createServices } from '../src/services';
import { loadDevset, type DevItem } from './devset';
import { shouldAnswer, type EvidenceSignals } from '../src/advisor/decline';
import type { OfflineAdvisor } from '../src/advisor/offline';
import {
  answerProbability,
  targetThreshold,
  DECISION_FEATURES,
  DECISION_PATH,
  decisionFeatures,
  fitLogistic,
  rates,
  type DecisionFeature,
  type DecisionModel,
} from '../src/advisor/decide';
import { isRelevant, keywordCoverage } from './metrics';
import { createOfflineAdvisor } from '../src/advisor/offline';
import { LIST_CHOICE_PATH, listChoiceParams, type ListChoiceParams } from '../src/advisor/shapes/list-params';
import { SENTENCE_FEATURES, SENTENCE_MODEL_PATH, type SentenceFeatures, type SentenceModel } from '../src/advisor/shapes/sentence-model';
import type { Candidate } from '../src/advisor/select';
import { matchText } from '../src/advisor/stats';
import { normalizeInput } from '../src/knowledge/normalize';
import { questionType } from '../src/knowledge/question-type';

/** The tuned sets (their first measurements are recorded in eval/README.md). */
export const TRAINING_SETS = ['devset', 'fresh', 'holdout', 'holdout2', 'holdout3', 'holdout4', 'holdout5', 'holdout6', 'holdout7', 'holdout8', 'holdout9', 'holdout10', 'holdout11', 'holdout12', 'holdout13', 'holdout14', 'holdout15', 'holdout16', 'holdout17', 'holdout18', 'holdout19', 'holdout20', 'holdout21', 'holdout22', 'holdout23'];

/**
 * The answer/decline model is fitted on every labelled set measured so far (its features are few and
 * its rows many; the sets a blind measurement still waits for are never in it). The retrieval, list
 * and sentence models stay on TRAINING_SETS: refitting them on more sets did not gain.
 */
export const DECISION_SETS = [...TRAINING_SETS, 'holdout24', 'holdout25', 'holdout26', 'holdout27', 'holdout28', 'holdout29', 'holdout30', 'holdout31', 'holdout32', 'holdout33', 'holdout34', 'holdout35', 'holdout36', 'holdout38', 'holdout37', 'holdout39', 'holdout40', 'holdout41', 'holdout42'];

/** One of the tuned sets, by name. */
const loadTrainingSet = (set: string): DevItem[] => loadDevset(fileURLToPath(new URL(`./${set}.jsonl`, import.meta.url)));

interface Sample {
  set: string;
  row: Row;
  /** Per channel: unit → score scaled by the channel's best score for this question. */
  scores: Record<ChannelName, Map<number, number>>;
  relevant: Set<number>;
}

const GRID: Record<ChannelName, number[]> = {
  passages: [1],
  structure: [0, 0.2, 0.5, 1, 1.5],
  bankLexical: [0, 0.2, 0.5, 0.7, 1],
  bankVector: [0, 0.1, 0.3, 0.5],
  figures: [0, 0.2, 0.5, 1],
};

function* grid(): Generator<FusionWeights> {
  for (const structure of GRID.structure)
    for (const bankLexical of GRID.bankLexical)
      for (const bankVector of GRID.bankVector)
        for (const figures of GRID.figures) yield { passages: 1, structure, bankLexical, bankVector, figures };
}

const ROWS = ['list', 'figure', 'other'] as const;
type Row = (typeof ROWS)[number];
const PASSAGES_ONLY: FusionWeights = { passages: 1, structure: 0, bankLexical: 0, bankVector: 0, figures: 0 };

function reciprocalRank(s: Sample, w: FusionWeights, k = 5): number {
  const fused = new Map<number, number>();
  for (const c of CHANNELS) for (const [u, v] of s.scores[c]) fused.set(u, (fused.get(u) ?? 0) + w[c] * v);
  const ranked = [...fused.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
  const i = ranked.findIndex(([u]) => s.relevant.has(u));
  return i < 0 ? 0 : 1 / (i + 1);
}

const mrr = (samples: Sample[], w: FusionWeights) => (samples.length ? samples.reduce((a, s) => a + reciprocalRank(s, w), 0) / samples.length : 0);

/** The grid point with the best mean MRR (ties: the smaller total weight, i.e. the simpler fusion). */
function fit(samples: Sample[]): FusionWeights {
  let best: FusionWeights = { ...PASSAGES_ONLY };
  let bestScore = mrr(samples, best);
  for (const w of grid()) {
    const m = mrr(samples, w);
    if (m > bestScore + 1e-9) {
      best = w;
      bestScore = m;
    }
  }
  return best;
}

function fitTable(samples: Sample[]): FusionTable {
  return { list: fit(samples.filter((s) => s.row === 'list')), figure: fit(samples.filter((s) => s.row === 'figure')), other: fit(samples.filter((s) => s.row === 'other')) };
}

const rowWeights = (t: FusionTable, row: Row): FusionWeights => (row === 'figure' ? t.figure : t[row]) ?? t.other;
const tableMrr = (samples: Sample[], t: FusionTable) => (samples.length ? samples.reduce((a, s) => a + reciprocalRank(s, rowWeights(t, s.row)), 0) / samples.length : 0);

async function main(): Promise<number> {
  // --only decision|fusion|lists|sentences: fit one model (the others' files are left as they are)
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, only: { type: 'string' } } });
  const only = values.only;
  if (only && !['decision', 'fusion', 'lists', 'sentences'].includes(only)) {
    process.stderr.write(`Unknown --only ${only}: use decision, fusion, lists or sentences\n`);
    return 2;
  }
  const config = loadConfig();
  const services = await createServices(config, { log: (m) => process.stderr.write(`${m}\n`) });
  if (only && only !== 'fusion') {
    if (only === 'decision') await trainDecision(services, !values['dry-run']);
    if (only === 'lists') await trainListChoice(services, !values['dry-run']);
    if (only === 'sentences') await trainSentenceModel(services, !values['dry-run']);
    return 0;
  }
  const retriever = services.retriever;
  const samples: Sample[] = [];
  for (const set of TRAINING_SETS) {
    const items: DevItem[] = loadTrainingSet(set).filter((i) => i.answerable);
    for (const item of items) {
      const raw = await retriever.channelScores(item.question, { context: item.context });
      const scores = {} as Sample['scores'];
      const relevant = new Set<number>();
      for (const c of CHANNELS) {
        const max = Math.max(0, ...raw[c].values()) || 1;
        scores[c] = new Map([...raw[c]].map(([u, v]) => [u, v / max]));
        for (const u of raw[c].keys()) {
          const unit = retriever.units[u]!;
          if (isRelevant({ source: unit.source, text: unit.text }, item.gold)) relevant.add(u);
        }
      }
      samples.push({ set, row: fusionRow(item.question), scores, relevant });
    }
  }
  const passagesOnly: FusionTable = { list: PASSAGES_ONLY, figure: PASSAGES_ONLY, other: PASSAGES_ONLY };
  const all = fitTable(samples);
  const lines = [
    `Fitted on ${samples.length} answerable questions from ${TRAINING_SETS.length} sets (${samples.filter((s) => s.row === 'list').length} list-shaped, ${samples.filter((s) => s.row === 'figure').length} figure-shaped).`,
    `weights (list):   ${JSON.stringify(all.list)}`,
    `weights (figure): ${JSON.stringify(all.figure)}`,
    `weights (other):  ${JSON.stringify(all.other)}`,
    '',
    'Leave-one-set-out: MRR@5 on the held-out set, with weights fitted on the other sets',
    `${'set'.padEnd(10)} ${'n'.padStart(4)}  ${'passages'.padStart(8)}  ${'LOSO'.padStart(6)}  ${'in-sample'.padStart(9)}`,
  ];
  let looSum = 0;
  let baseSum = 0;
  for (const set of TRAINING_SETS) {
    const test = samples.filter((s) => s.set === set);
    const t = fitTable(samples.filter((s) => s.set !== set));
    const loo = tableMrr(test, t);
    const base = tableMrr(test, passagesOnly);
    looSum += loo * test.length;
    baseSum += base * test.length;
    lines.push(`${set.padEnd(10)} ${String(test.length).padStart(4)}  ${base.toFixed(3).padStart(8)}  ${loo.toFixed(3).padStart(6)}  ${tableMrr(test, all).toFixed(3).padStart(9)}`);
  }
  lines.push(`${'pooled'.padEnd(10)} ${String(samples.length).padStart(4)}  ${(baseSum / samples.length).toFixed(3).padStart(8)}  ${(looSum / samples.length).toFixed(3).padStart(6)}  ${tableMrr(samples, all).toFixed(3).padStart(9)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!values['dry-run']) {
    const file = { note: 'Written by `npm run train` (eval/train.ts): grid search on MRR@5, per question row; see its leave-one-set-out table.', fittedOn: TRAINING_SETS, weights: all };
    writeFileSync(FUSION_PATH, `${JSON.stringify(file, null, 2)}\n`);
    process.stdout.write(`Wrote ${FUSION_PATH}\n`);
  }
  if (only === 'fusion') return 0;
  await trainDecision(services, !values['dry-run']);
  await trainListChoice(services, !values['dry-run']);
  await trainSentenceModel(services, !values['dry-run']);
  return 0;
}

interface DecisionRow {
  set: string;
  label: number;
  signals: EvidenceSignals;
  features: Record<DecisionFeature, number>;
}

function fitDecision(rows: DecisionRow[], features: readonly DecisionFeature[] = DECISION_FEATURES): DecisionModel {
  const model = fitLogistic(
    rows.map((r) => r.features),
    rows.map((r) => r.label),
    features,
    { steps: 800 },
  );
  const probs = rows.map((r) => answerProbability(r.signals, { ...model, threshold: 0.5 }));
  return { ...model, threshold: targetThreshold(probs, rows.map((r) => r.label)) };
}

/** Answered and declined rates of each set, from a model fitted on the other sets. */
function looRates(rows: DecisionRow[], features: readonly DecisionFeature[] = DECISION_FEATURES) {
  const out: Record<string, { answered: number; declined: number; n: number; neg: number }> = {};
  const probs: number[] = [];
  const labels: number[] = [];
  const thresholds: number[] = [];
  for (const set of DECISION_SETS) {
    const test = rows.filter((r) => r.set === set);
    if (!test.length) continue;
    const model = fitDecision(rows.filter((r) => r.set !== set), features);
    const p = test.map((r) => answerProbability(r.signals, model));
    out[set] = { ...rates(p, test.map((r) => r.label), model.threshold), n: test.length, neg: test.filter((r) => !r.label).length };
    for (const x of p) probs.push(x);
    for (const r of test) labels.push(r.label);
    for (const _ of test) thresholds.push(model.threshold);
  }
  // Pooled over the held-out predictions, each at its own fold's threshold.
  let pos = 0, neg = 0, tp = 0, tn = 0;
  probs.forEach((p, i) => {
    if (labels[i]) { pos++; if (p >= thresholds[i]!) tp++; } else { neg++; if (p < thresholds[i]!) tn++; }
  });
  return { perSet: out, pooled: { answered: tp / pos, declined: tn / neg } };
}

/**
 * Fits the answer/decline model on every labelled question that reaches the decision (those about
 * a name the corpus never mentions are declined before it), prints leave-one-set-out rates beside
 * the hand-set rule it replaces, and an ablation: the pooled figures with each signal left out.
 */
async function trainDecision(services: Awaited<ReturnType<typeof createServices>>, write: boolean): Promise<void> {
  const rows: DecisionRow[] = [];
  for (const set of DECISION_SETS) {
    for (const item of loadTrainingSet(set)) {
      const r = await (services.offlineAdvisor as OfflineAdvisor).ask(item.question, item.context ? { context: item.context } : {});
      if (!r.signals) continue;
      rows.push({ set, label: item.answerable ? 1 : 0, signals: r.signals, features: decisionFeatures(r.signals) });
    }
  }
  const loo = looRates(rows);
  const lines = [
    '',
    `Answer/decline model: logistic regression on ${rows.length} questions (${rows.filter((r) => !r.label).length} unanswerable) from ${DECISION_SETS.length} sets`,
    'Leave-one-set-out: answered (answerable) / declined (unanswerable), fitted model vs the hand-set rule it replaces',
    `${'set'.padEnd(10)} ${'n'.padStart(4)} ${'unans'.padStart(5)}  ${'model'.padStart(11)}  ${'hand rule'.padStart(11)}`,
  ];
  let handPos = 0, handNeg = 0, handTp = 0, handTn = 0;
  for (const [set, r] of Object.entries(loo.perSet)) {
    const test = rows.filter((x) => x.set === set);
    const hand = rates(test.map((x) => (shouldAnswer(x.signals) ? 1 : 0)), test.map((x) => x.label), 0.5);
    for (const x of test) {
      const a = shouldAnswer(x.signals);
      if (x.label) { handPos++; if (a) handTp++; } else { handNeg++; if (!a) handTn++; }
    }
    lines.push(`${set.padEnd(10)} ${String(r.n).padStart(4)} ${String(r.neg).padStart(5)}  ${r.answered.toFixed(2)} / ${r.declined.toFixed(2)}  ${hand.answered.toFixed(2)} / ${hand.declined.toFixed(2)}`);
  }
  lines.push(`${'pooled'.padEnd(10)} ${String(rows.length).padStart(4)} ${String(handNeg).padStart(5)}  ${loo.pooled.answered.toFixed(2)} / ${loo.pooled.declined.toFixed(2)}  ${(handTp / handPos).toFixed(2)} / ${(handTn / handNeg).toFixed(2)}`);
  // Backward elimination: a signal whose removal does not lower the held-out balanced rate is
  // redundant given the others, and goes (the rule it encoded is then not needed).
  const balanced = (r: { answered: number; declined: number }) => (r.answered + r.declined) / 2;
  let kept: DecisionFeature[] = [...DECISION_FEATURES];
  let base = balanced(loo.pooled);
  lines.push('', `Ablation (leave-one-set-out, pooled balanced rate; all signals ${base.toFixed(3)}): backward elimination`);
  for (;;) {
    let drop: { f: DecisionFeature; bal: number } | undefined;
    for (const f of kept) {
      const bal = balanced(looRates(rows, kept.filter((x) => x !== f)).pooled);
      lines.push(`  without ${f.padEnd(17)} ${bal.toFixed(3)} (${bal - base >= 0 ? '+' : ''}${(bal - base).toFixed(3)})`);
      if (bal >= base - 1e-9 && (!drop || bal > drop.bal)) drop = { f, bal };
    }
    if (!drop || kept.length <= 2) break;
    kept = kept.filter((x) => x !== drop!.f);
    base = drop.bal;
    lines.push(`  → dropped ${drop.f} (redundant); kept ${kept.join(', ')}`);
  }
  const final = looRates(rows, kept).pooled;
  lines.push(`Kept signals, leave-one-set-out: answered ${final.answered.toFixed(2)}, declined ${final.declined.toFixed(2)}`);
  const model = fitDecision(rows, kept);
  lines.push('', `Fitted on all: threshold ${model.threshold.toFixed(3)}; weights ${model.features.map((f, i) => `${f} ${model.weights[i]!.toFixed(2)}`).join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (write) {
    const file = { ...model, fittedOn: DECISION_SETS, note: 'Written by `npm run train` (eval/train.ts): logistic regression on the evidence signals; see its leave-one-set-out table and ablation.' };
    writeFileSync(DECISION_PATH, `${JSON.stringify(file, null, 2)}\n`);
    process.stdout.write(`Wrote ${DECISION_PATH}\n`);
  }
}

const LIST_GRID = {
  facetWeight: [0, 0.15, 0.3, 0.5],
  minCoverage: [0.35, 0.45, 0.5, 0.6],
  aloneCoverage: [0.6, 0.7, 0.75, 0.85],
};

/**
 * The list-choice parameters (src/advisor/data/list-choice.json): an exhaustive grid over the facet
 * weight and the two coverage thresholds, scored by the share of key facts in the offline answers to
 * every list-worded question of the sets; leave-one-set-out beside the shipped values and an
 * ablation without facets (weight 0).
 */
async function trainListChoice(services: Awaited<ReturnType<typeof createServices>>, write: boolean): Promise<void> {
  const items: Array<DevItem & { set: string }> = [];
  for (const set of TRAINING_SETS) {
    for (const item of loadTrainingSet(set)) {
      if (item.answerable && questionType(normalizeInput(item.question)) === 'list') items.push({ ...item, set });
    }
  }
  const combos: ListChoiceParams[] = [];
  for (const facetWeight of LIST_GRID.facetWeight)
    for (const minCoverage of LIST_GRID.minCoverage)
      for (const aloneCoverage of LIST_GRID.aloneCoverage) if (aloneCoverage >= minCoverage) combos.push({ facetWeight, minCoverage, aloneCoverage });
  // Key-fact share of every item under every combination (asked once per combination).
  const scores = new Map<string, number[]>();
  const key = (p: ListChoiceParams) => JSON.stringify(p);
  for (const p of [...combos, listChoiceParams()]) {
    if (scores.has(key(p))) continue;
    const advisor = createOfflineAdvisor(services.retriever, { list: p });
    const row: number[] = [];
    for (const item of items) {
      const r = await advisor.ask(item.question, item.context ? { context: item.context } : {});
      row.push(r.answered ? keywordCoverage(r.answer, item.keywords) : 0);
    }
    scores.set(key(p), row);
  }
  const mean = (p: ListChoiceParams, keep: (i: number) => boolean) => {
    const row = scores.get(key(p))!;
    let sum = 0, n = 0;
    row.forEach((v, i) => { if (keep(i)) { sum += v; n++; } });
    return n ? sum / n : 0;
  };
  const best = (keep: (i: number) => boolean, among = combos) => among.reduce((a, b) => (mean(b, keep) > mean(a, keep) + 1e-9 ? b : a));
  const noFacet = combos.filter((p) => p.facetWeight === 0);
  const lines = ['', `List choice: grid of ${combos.length} on ${items.length} list-worded questions from ${TRAINING_SETS.length} sets (key-fact share of the offline answer)`];
  lines.push(`${'set'.padEnd(10)} ${'n'.padStart(4)}  ${'LOSO'.padStart(6)}  ${'no facets'.padStart(9)}  ${'shipped'.padStart(7)}`);
  let loo = 0, looNo = 0, shipped = 0;
  for (const set of TRAINING_SETS) {
    const test = (i: number) => items[i]!.set === set;
    const train = (i: number) => items[i]!.set !== set;
    const n = items.filter((x) => x.set === set).length;
    if (!n) continue;
    const a = mean(best(train), test), b = mean(best(train, noFacet), test), c = mean(listChoiceParams(), test);
    loo += a * n; looNo += b * n; shipped += c * n;
    lines.push(`${set.padEnd(10)} ${String(n).padStart(4)}  ${a.toFixed(3).padStart(6)}  ${b.toFixed(3).padStart(9)}  ${c.toFixed(3).padStart(7)}`);
  }
  lines.push(`${'pooled'.padEnd(10)} ${String(items.length).padStart(4)}  ${(loo / items.length).toFixed(3).padStart(6)}  ${(looNo / items.length).toFixed(3).padStart(9)}  ${(shipped / items.length).toFixed(3).padStart(7)}`);
  const all = best(() => true);
  lines.push(`Fitted on all: ${JSON.stringify(all)} (in-sample ${mean(all, () => true).toFixed(3)})`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (write) {
    const file = { ...all, fittedOn: TRAINING_SETS, note: 'Written by `npm run train` (eval/train.ts): grid search on the key-fact share of list-worded questions; see its leave-one-set-out table.' };
    writeFileSync(LIST_CHOICE_PATH, `${JSON.stringify(file, null, 2)}\n`);
    process.stdout.write(`Wrote ${LIST_CHOICE_PATH}\n`);
  }
}

const SENTENCE_GRID = {
  bankWeight: [0, 0.1, 0.2],
  paperWeight: [0, -0.2],
  namedWeight: [0, 0.2, 0.4, 0.8],
  bankEntries: [5],
};

/**
 * The sentence model (src/advisor/data/sentence-model.json). Two candidates are compared on the
 * key-fact share of the offline answers to every answerable question, leave-one-set-out:
 * - the hand-set sum with its two data-driven weights (the bank's answer spans, sentences about the
 *   paper) and the number of bank entries read, by exhaustive grid;
 * - a logistic regression over all the sentence signals, fitted on which candidate sentences hold a
 *   key fact or a gold quote (the 40 best-scored candidates of each question).
 * The one with the higher held-out share is shipped; the table and the ablations are printed.
 */
async function trainSentenceModel(services: Awaited<ReturnType<typeof createServices>>, write: boolean): Promise<void> {
  const items: Array<DevItem & { set: string }> = [];
  for (const set of TRAINING_SETS) for (const item of loadTrainingSet(set)) if (item.answerable) items.push({ ...item, set });
  const share = async (model: SentenceModel, keep: (i: number) => boolean = () => true): Promise<number[]> => {
    const advisor = createOfflineAdvisor(services.retriever, { sentence: model });
    const row: number[] = [];
    for (const [i, item] of items.entries()) {
      if (!keep(i)) { row.push(NaN); continue; }
      const r = await advisor.ask(item.question, item.context ? { context: item.context } : {});
      row.push(r.answered ? keywordCoverage(r.answer, item.keywords) : 0);
    }
    return row;
  };
  const combos: SentenceModel[] = [];
  for (const bankWeight of SENTENCE_GRID.bankWeight)
    for (const paperWeight of SENTENCE_GRID.paperWeight)
      for (const namedWeight of SENTENCE_GRID.namedWeight)
        for (const bankEntries of SENTENCE_GRID.bankEntries) combos.push({ mode: 'hand', bankWeight, paperWeight, namedWeight, bankEntries });
  const key = (m: SentenceModel) => JSON.stringify([m.bankWeight, m.paperWeight, m.namedWeight, m.bankEntries]);
  const scores = new Map<string, number[]>();
  for (const m of combos) if (!scores.has(key(m))) scores.set(key(m), await share(m));
  const mean = (row: number[], keep: (i: number) => boolean) => {
    let sum = 0, n = 0;
    row.forEach((v, i) => { if (keep(i) && !Number.isNaN(v)) { sum += v; n++; } });
    return n ? sum / n : 0;
  };
  const best = (keep: (i: number) => boolean, among = combos) => among.reduce((a, b) => (mean(scores.get(key(b))!, keep) > mean(scores.get(key(a))!, keep) + 1e-9 ? b : a));
  const noBank = combos.filter((m) => m.bankWeight === 0);
  const noPaper = combos.filter((m) => m.paperWeight === 0);
  const noNamed = combos.filter((m) => m.namedWeight === 0);
  const plain = combos.find((m) => m.bankWeight === 0 && m.paperWeight === 0 && m.namedWeight === 0)!;

  // The logistic alternative: candidates and their labels, read once under the plain hand sum.
  const seen: { candidates?: Candidate[] } = {};
  const collector = createOfflineAdvisor(services.retriever, { sentence: { ...plain, bankEntries: 5 }, onCandidates: (_q, c) => (seen.candidates ??= c) });
  const rows: Array<{ item: number; f: SentenceFeatures; y: number }> = [];
  for (const [i, item] of items.entries()) {
    seen.candidates = undefined;
    await collector.ask(item.question, item.context ? { context: item.context } : {});
    const candidates: Candidate[] = seen.candidates ?? [];
    const keys = item.keywords.map((k) => matchText(k));
    const golds = item.gold.map((g) => matchText(g.quote));
    for (const c of candidates.filter((x) => x.features).sort((a, b) => b.score - a.score).slice(0, 40)) {
      const y = keys.some((k) => c.norm.includes(k)) || golds.some((g) => g.includes(c.norm) || c.norm.includes(g)) ? 1 : 0;
      rows.push({ item: i, f: c.features!, y });
    }
  }
  const fitOn = (keep: (i: number) => boolean): SentenceModel => {
    const train = rows.filter((r) => keep(r.item));
    const model = fitLogistic<(typeof SENTENCE_FEATURES)[number]>(train.map((r) => r.f), train.map((r) => r.y), SENTENCE_FEATURES, { steps: 600 });
    return { mode: 'fitted', bankEntries: 5, model };
  };

  const lines = ['', `Sentence model: key-fact share of the offline answers to ${items.length} answerable questions from ${TRAINING_SETS.length} sets; grid of ${combos.length} hand-sum settings; logistic regression on ${rows.length} candidate sentences (${rows.filter((r) => r.y).length} holding a key fact)`];
  lines.push(`${'set'.padEnd(10)} ${'n'.padStart(4)}  ${'grid LOSO'.padStart(9)}  ${'no bank'.padStart(7)}  ${'no paper'.padStart(8)}  ${'no named'.padStart(8)}  ${'plain sum'.padStart(9)}  ${'logistic'.padStart(8)}`);
  const totals = { grid: 0, noBank: 0, noPaper: 0, noNamed: 0, plain: 0, logistic: 0 };
  for (const set of TRAINING_SETS) {
    const test = (i: number) => items[i]!.set === set;
    const train = (i: number) => items[i]!.set !== set;
    const n = items.filter((x) => x.set === set).length;
    if (!n) continue;
    const g = mean(scores.get(key(best(train)))!, test);
    const b = mean(scores.get(key(best(train, noBank)))!, test);
    const p = mean(scores.get(key(best(train, noPaper)))!, test);
    const nn = mean(scores.get(key(best(train, noNamed)))!, test);
    const h = mean(scores.get(key(plain))!, test);
    const l = mean(await share(fitOn(train), test), test);
    totals.grid += g * n; totals.noBank += b * n; totals.noPaper += p * n; totals.noNamed += nn * n; totals.plain += h * n; totals.logistic += l * n;
    lines.push(`${set.padEnd(10)} ${String(n).padStart(4)}  ${g.toFixed(3).padStart(9)}  ${b.toFixed(3).padStart(7)}  ${p.toFixed(3).padStart(8)}  ${nn.toFixed(3).padStart(8)}  ${h.toFixed(3).padStart(9)}  ${l.toFixed(3).padStart(8)}`);
  }
  const N = items.length;
  lines.push(`${'pooled'.padEnd(10)} ${String(N).padStart(4)}  ${(totals.grid / N).toFixed(3).padStart(9)}  ${(totals.noBank / N).toFixed(3).padStart(7)}  ${(totals.noPaper / N).toFixed(3).padStart(8)}  ${(totals.noNamed / N).toFixed(3).padStart(8)}  ${(totals.plain / N).toFixed(3).padStart(9)}  ${(totals.logistic / N).toFixed(3).padStart(8)}`);
  const useLogistic = totals.logistic > totals.grid + 1e-9;
  const chosen = useLogistic ? fitOn(() => true) : best(() => true);
  lines.push(`Shipped: ${useLogistic ? 'the logistic model' : `the hand sum with ${JSON.stringify({ bankWeight: chosen.bankWeight, paperWeight: chosen.paperWeight, namedWeight: chosen.namedWeight, bankEntries: chosen.bankEntries })}`} (held-out share ${(Math.max(totals.grid, totals.logistic) / N).toFixed(3)} against ${(Math.min(totals.grid, totals.logistic) / N).toFixed(3)})`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (write) {
    const file = { ...chosen, fittedOn: TRAINING_SETS, note: 'Written by `npm run train` (eval/train.ts): the hand-set sum with grid-fitted weights, or the logistic model when it scores higher leave-one-set-out; see its table.' };
    writeFileSync(SENTENCE_MODEL_PATH, `${JSON.stringify(file, null, 2)}\n`);
    process.stdout.write(`Wrote ${SENTENCE_MODEL_PATH}\n`);
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
