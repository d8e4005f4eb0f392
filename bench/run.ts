#!/usr/bin/env tsx
/**
 * `npm run bench [-- --rounds N] [--cold N] [--charts N] [--json]`
 *
 * Prints and writes bench/results.json: index build time (forced, in a temp index dir), cold start
 * (spawned `npx tsx src/cli/main.ts ask …`, median), warm retrieve and ask latency p50/p95 over the
 * dev set (in-process, after a warm-up round), a plain-BM25 baseline (raw texts, or the shipped papers on a clone without them) measured in the
 * same process, peak RSS, and chart rendering (bench/chart-render.ts: warm median over --charts N
 * renders, measured after the peak RSS so that figure stays comparable). Figures only: nothing here
 * fails on a slow number.
 */
import 'dotenv/config';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config';
import { openRetriever } from '../src/retrieval';
import { createServices } from '../src/services';
import { loadDevset } from '../eval/devset';
import { percentile } from '../eval/metrics';
import { baselineTexts, buildBaseline } from './baseline';
import { benchCharts, chartLines } from './chart-render';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_PATH = join(ROOT, 'bench', 'results.json');
const RAW_DIR = resolve(ROOT, '..', 'shared', 'corpus-src');
const COLD_QUESTION = '金磐开发区的规划建设面积是多少？';

interface Latency {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

function latency(ms: number[]): Latency {
  return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

/** One warm-up pass, then `rounds` timed passes over all questions. */
async function timeCalls(questions: string[], rounds: number, call: (q: string) => unknown): Promise<Latency> {
  for (const q of questions) await call(q);
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t0 = performance.now();
      await call(q);
      ms.push(performance.now() - t0);
    }
  }
  return latency(ms);
}

/** Wall time from spawning the CLI to its exit with the answer; `npx` adds its own start-up, so plain `node --import tsx` is timed too. */
function coldStart(runs: number, indexDir: string, launcher: 'npx' | 'node'): { runs: number[]; median: number; ok: boolean; note?: string } {
  const times: number[] = [];
  let note: string | undefined;
  const [cmd, pre] = launcher === 'npx' ? ['npx', ['tsx']] : [process.execPath, ['--import', 'tsx']];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = spawnSync(cmd, [...pre, 'src/cli/main.ts', 'ask', '--json', COLD_QUESTION], {
      cwd: ROOT,
      env: { ...process.env, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const ms = performance.now() - t0;
    if (res.status !== 0) {
      note = `ask exited ${res.status}: ${(res.stderr || res.error?.message || '').trim().split('\n')[0]}`;
      continue;
    }
    times.push(ms);
  }
  return { runs: times, median: percentile(times, 50), ok: times.length === runs, note };
}

const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string', default: '5' },
      cold: { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
      charts: { type: 'string', default: '30' },
    },
    strict: true,
  });
  const rounds = Number(values.rounds);
  const coldRuns = Number(values.cold);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number ≥ 1; got "${values.rounds}"`);
  if (!Number.isInteger(coldRuns) || coldRuns < 0) throw new Error(`--cold must be a whole number ≥ 0; got "${values.cold}"`);
  const chartRuns = Number(values.charts);
  if (!Number.isInteger(chartRuns) || chartRuns < 1) throw new Error(`--charts must be a whole number ≥ 1; got "${values.charts}"`);

  const config = loadConfig();
  const questions = loadDevset().map((i) => i.question);
  const indexDir = mkdtempSync(join(tmpdir(), 'enclave-bench-index-'));
  try {
    // 1. Index build, forced, in a private dir so other work on index/ is untouched.
    let t0 = performance.now();
    const built = await openRetriever({ corpusDir: config.CORPUS_DIR, indexDir, force: true });
    const buildMs = performance.now() - t0;
    const chunks = built.chunks.length;
    const embedderId = built.embedderId;

    // 2. Cold start: a fresh process answering one question from the index just built.
    const cold = coldStart(coldRuns, indexDir, 'npx');
    const coldNode = coldStart(coldRuns, indexDir, 'node');

    // 3. Warm in-process latency through the same services the CLI uses.
    t0 = performance.now();
    const services = await createServices({ ...config, INDEX_DIR: indexDir }, { log: (m) => process.stderr.write(`${m}\n`) });
    const loadMs = performance.now() - t0;
    const retrieve = await timeCalls(questions, rounds, (q) => services.retriever.retrieve(q, { k: 5 }));
    const ask = await timeCalls(questions, rounds, (q) => services.offlineAdvisor.ask(q));

    // 4. Baseline: plain BM25 over the raw texts, same questions, same process.
    t0 = performance.now();
    const baselineSource = baselineTexts(RAW_DIR, join(ROOT, 'corpus'));
    const baseline = buildBaseline(baselineSource.texts);
    const baselineBuildMs = performance.now() - t0;
    const base = await timeCalls(questions, rounds, (q) => baseline.search(q, 5));

    const maxRssMb = process.resourceUsage().maxRSS / 1024;

    // 5. Charts: spec → SVG → PNG, as the bot and `split --png` draw them.
    const charts = await benchCharts(chartRuns);
    const results = {
      createdAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, loadAvg1m: loadavg()[0] },
      questions: questions.length,
      rounds,
      embedder: embedderId,
      chunks,
      indexBuildSeconds: buildMs / 1000,
      indexLoadMs: loadMs,
      coldStartMs: { median: cold.median, runs: cold.runs, command: `npx tsx src/cli/main.ts ask --json "${COLD_QUESTION}"`, note: cold.note },
      coldStartNodeMs: { median: coldNode.median, runs: coldNode.runs, command: `node --import tsx src/cli/main.ts ask --json "${COLD_QUESTION}"`, note: coldNode.note },
      warmRetrieveMs: retrieve,
      warmAskMs: ask,
      baselineBm25Ms: { ...base, windows: baseline.windows, texts: baselineSource.from, buildMs: baselineBuildMs },
      askVsBaselineP50: ask.p50 / base.p50,
      peakRssMb: maxRssMb,
      chartRenderMs: charts,
      target: { warmAskMs: 20, warmChartRenderMs: 150 },
    };
    writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    } else {
      const lines = [
        `Bench — ${questions.length} dev questions × ${rounds} rounds after warm-up; ${results.machine.cpus} CPUs (load ${fmt(results.machine.loadAvg1m, 1)}), Node ${process.version}; embedder ${embedderId}, ${chunks} chunks`,
        `index build (forced, temp dir)   ${fmt(results.indexBuildSeconds)} s`,
        `index load (createServices)      ${fmt(loadMs, 0)} ms`,
        `cold start → answer (npx tsx)    ${fmt(cold.median, 0)} ms median of ${cold.runs.length} (${cold.runs.map((x) => x.toFixed(0)).join(', ')})${cold.note ? `  [${cold.note}]` : ''}`,
        `cold start → answer (node+tsx)   ${fmt(coldNode.median, 0)} ms median of ${coldNode.runs.length} (${coldNode.runs.map((x) => x.toFixed(0)).join(', ')})${coldNode.note ? `  [${coldNode.note}]` : ''}`,
        `warm retrieve  p50 / p95 / mean  ${fmt(retrieve.p50)} / ${fmt(retrieve.p95)} / ${fmt(retrieve.mean)} ms`,
        `warm ask       p50 / p95 / mean  ${fmt(ask.p50)} / ${fmt(ask.p95)} / ${fmt(ask.mean)} ms   (target p95 ≤ 10 ms)`,
        `plain BM25 baseline p50 / p95    ${fmt(base.p50, 3)} / ${fmt(base.p95, 3)} ms over ${baseline.windows} ${baselineSource.from === 'raw' ? 'raw' : 'shipped-corpus'} windows`,
        `ask / baseline (p50)             ${fmt(results.askVsBaselineP50, 1)}×`,
        `peak RSS                         ${fmt(maxRssMb, 0)} MB`,
        ...chartLines(charts),
        `Wrote ${RESULTS_PATH}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.DEBUG) console.error(e);
    process.exitCode = 1;
  },
);
