#!/usr/bin/env tsx
/**
 * `npm run eval [-- --k N] [--mode hybrid|lexical|vector] [--json] [--llm] [--failures N]`
 *
 * Scores retrieval (lexical, vector and hybrid side by side, one process, one index) and the
 * advisor's answers on the dev set; prints a table with the targets beside the figures
 * and writes eval/results.json. Low scores are reported, not failed: exit 1 only on errors,
 * 2 on bad usage (including --llm without OPENAI_API_KEY).
 */
import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../src/config';
import type { Advisor } from '../src/advisor/types';
import type { RetrievalMode } from '../src/retrieval/types';
import { createServices, type Services } from '../src/services';
import { loadDevset } from './devset';
import { CHANNELS } from '../src/retrieval/knowledge';
import { evaluateAnswers, evaluateRetrieval, type AnswerReport, type LangKey, type RetrievalReport } from './evaluate';
import { summarizeAnswers, summarizeRetrieval, TARGETS } from './metrics';

const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));
const MODES: RetrievalMode[] = ['lexical', 'vector', 'hybrid'];
const USAGE = 'npm run eval -- [--k N] [--mode hybrid|lexical|vector] [--json] [--llm] [--failures N] [--devset FILE.jsonl]';

class UsageError extends Error {}

interface Options {
  k: number;
  modes: RetrievalMode[];
  json: boolean;
  llm: boolean;
  failures: number;
  /** Another question file in the dev-set format, e.g. a private set never used for tuning. */
  devset?: string;
}

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        k: { type: 'string', default: '5' },
        mode: { type: 'string' },
        json: { type: 'boolean', default: false },
        llm: { type: 'boolean', default: false },
        failures: { type: 'string', default: '12' },
        devset: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : e}. Usage: ${USAGE}`);
  }
  if (values.help) throw new UsageError(`Usage: ${USAGE}`);
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new UsageError(`--k must be a whole number from 1 to 100, e.g. --k 5; got "${values.k}"`);
  const failures = Number(values.failures);
  if (!Number.isInteger(failures) || failures < 0) throw new UsageError(`--failures must be a whole number ≥ 0; got "${values.failures}"`);
  let modes = MODES;
  if (values.mode !== undefined) {
    if (!MODES.includes(values.mode as RetrievalMode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}; got "${values.mode}"`);
    modes = [values.mode as RetrievalMode];
  }
  return { k, modes, json: values.json, llm: values.llm, failures, devset: values.devset };
}

/** The advisor under test: the offline one, or with --llm the LLM one (falling back to offline on errors). */
async function pickAdvisor(opts: Options, config: Config, services: Services): Promise<{ name: string; advisor: Advisor }> {
  if (!opts.llm) return { name: 'offline', advisor: services.offlineAdvisor };
  if (services.advisor !== services.offlineAdvisor) return { name: `llm:${config.OPENAI_MODEL}`, advisor: services.advisor };
  const { createLlmAdvisor } = await import('../src/llm');
  return { name: `llm:${config.OPENAI_MODEL}`, advisor: createLlmAdvisor({ config, retriever: services.retriever, offline: services.offlineAdvisor, shaper: services.offlineAdvisor }) };
}

/** With --llm: how many answers the model gave and why the others fell back to the offline path. */
interface ViaStats {
  llm: number;
  offline: number;
  notes: Record<string, number>;
}

function countVia(advisor: Advisor): { advisor: Advisor; stats: ViaStats } {
  const stats: ViaStats = { llm: 0, offline: 0, notes: {} };
  return {
    stats,
    advisor: {
      async ask(question, options) {
        const res = await advisor.ask(question, options);
        stats[res.via === 'llm' ? 'llm' : 'offline']++;
        if (res.note) stats.notes[res.note] = (stats.notes[res.note] ?? 0) + 1;
        return res;
      },
    },
  };
}

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '  – ');
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);
const mark = (x: number, target: number) => (Number.isFinite(x) ? (x >= target ? ' ' : '!') : ' ');

function retrievalTable(reports: RetrievalReport[]): string {
  const lines = [
    `Retrieval — answerable questions, top-${reports[0]?.k ?? 5}; relevant = gold source and ≥50% of the gold quote (! = below target)`,
    `${pad('channel', 11)} ${pad('lang', 4)} ${lpad('n', 3)}  ${lpad('R@1', 5)}  ${lpad('R@5', 6)}  ${lpad('MRR', 6)}  ${lpad('docR@5', 6)}  ${lpad('p50 ms', 7)}`,
  ];
  for (const r of reports) {
    for (const lang of ['zh', 'en', 'all'] as LangKey[]) {
      const s = r.summary[lang];
      const rows = lang === 'all' ? r.rows : r.rows.filter((x) => x.lang === lang);
      const ms = rows.map((x) => x.ms).sort((a, b) => a - b)[Math.floor(rows.length / 2)] ?? NaN;
      const t5 = lang === 'en' ? TARGETS.recall5.en : TARGETS.recall5.zh;
      lines.push(
        `${pad(r.mode, 11)} ${pad(lang, 4)} ${lpad(s.n, 3)}  ${lpad(f2(s.recall1), 5)}  ${lpad(f2(s.recall5), 5)}${mark(s.recall5, t5)}  ${lpad(f2(s.mrr), 5)}${mark(s.mrr, TARGETS.mrr)}  ${lpad(f2(s.docRecall5), 6)}  ${lpad(ms.toFixed(1), 7)}`,
      );
    }
  }
  lines.push(`targets: R@5 ≥ ${TARGETS.recall5.zh} zh / ≥ ${TARGETS.recall5.en} en, MRR ≥ ${TARGETS.mrr}`);
  return lines.join('\n');
}

function answerTable(report: AnswerReport): string {
  const lines = [
    `Answers — advisor: ${report.advisor} (! = below target)`,
    `${pad('lang', 4)} ${lpad('ans', 4)} ${lpad('unans', 5)}  ${lpad('answered', 8)}  ${lpad('keywords', 8)}  ${lpad('rightDoc', 8)}  ${lpad('declined', 8)}  ${lpad('citeOK', 6)}  ${lpad('p50 ms', 7)}`,
  ];
  for (const lang of ['zh', 'en', 'all'] as LangKey[]) {
    const s = report.summary[lang];
    const rows = lang === 'all' ? report.rows : report.rows.filter((x) => x.lang === lang);
    const ms = rows.map((x) => x.ms).sort((a, b) => a - b)[Math.floor(rows.length / 2)] ?? NaN;
    lines.push(
      `${pad(lang, 4)} ${lpad(s.answerable, 4)} ${lpad(s.unanswerable, 5)}  ${lpad(f2(s.answered), 7)}${mark(s.answered, TARGETS.answered)}  ${lpad(f2(s.keywordCoverage), 7)}${mark(s.keywordCoverage, TARGETS.keywordCoverage)}  ${lpad(f2(s.rightDoc), 7)}${mark(s.rightDoc, TARGETS.rightDoc)}  ${lpad(f2(s.declined), 7)}${mark(s.declined, TARGETS.declined)}  ${lpad(f2(s.citationPrecision), 6)}  ${lpad(ms.toFixed(1), 7)}`,
    );
  }
  lines.push(
    `targets: answered ≥ ${TARGETS.answered}, keywords ≥ ${TARGETS.keywordCoverage}, right doc ≥ ${TARGETS.rightDoc}, declined ≥ ${TARGETS.declined}; citeOK = citations whose quote is verbatim in the cited source`,
  );
  return lines.join('\n');
}

/** The same figures per question kind (list, figure, paraphrase, follow-up …), fused retrieval beside the answers. */
function typeTable(reports: RetrievalReport[], answers: AnswerReport): string {
  const fused = reports.find((r) => r.mode === 'fused') ?? reports[0];
  const types = [...new Set(answers.rows.map((r) => r.type))].sort();
  const lines = [`Per question kind — fused retrieval and ${answers.advisor} answers`, `${pad('kind', 13)} ${lpad('n', 3)}  ${lpad('R@5', 5)}  ${lpad('MRR', 5)}  ${lpad('answered', 8)}  ${lpad('keywords', 8)}  ${lpad('rightDoc', 8)}  ${lpad('declined', 8)}`];
  for (const t of types) {
    const rows = answers.rows.filter((r) => r.type === t);
    const ret = fused ? summarizeRetrieval(fused.rows.filter((r) => r.type === t)) : undefined;
    const a = summarizeAnswers(rows);
    lines.push(`${pad(t, 13)} ${lpad(rows.length, 3)}  ${lpad(f2(ret?.recall5 ?? NaN), 5)}  ${lpad(f2(ret?.mrr ?? NaN), 5)}  ${lpad(f2(a.answered), 8)}  ${lpad(f2(a.keywordCoverage), 8)}  ${lpad(f2(a.rightDoc), 8)}  ${lpad(f2(a.declined), 8)}`);
  }
  return lines.join('\n');
}

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s).replace(/\s+/g, ' ');

function failureList(reports: RetrievalReport[], answers: AnswerReport, max: number): string {
  if (max === 0) return '';
  const lines: string[] = [];
  const main = reports.find((r) => r.mode === 'fused') ?? reports[0];
  if (main) {
    const misses = main.rows.filter((r) => r.rank !== 1).sort((a, b) => (a.rank || 99) - (b.rank || 99)).reverse();
    lines.push(`Retrieval misses (${main.mode}, relevant passage not at rank 1): ${misses.length}`);
    for (const r of misses.slice(0, max)) {
      lines.push(`  ${r.id} [${r.type}] rank=${r.rank || '–'} docRank=${r.docRank || '–'}  ${short(r.question, 50)}`);
      for (const h of r.top) lines.push(`      ${h.source.slice(0, 3)} ${h.score.toFixed(3)} ${short(h.text, 50)}`);
    }
  }
  const bad = answers.rows.filter((r) => (r.answerable ? !r.answered || r.keywordCoverage < 1 || !r.citesRightDoc : r.answered));
  lines.push(`Answer problems: ${bad.length}`);
  for (const r of bad.slice(0, max)) {
    const why = !r.answerable
      ? 'answered an unanswerable question'
      : !r.answered
        ? 'declined'
        : [r.missingKeywords.length ? `missing ${r.missingKeywords.join(', ')}` : '', r.citesRightDoc ? '' : `cited ${[...new Set(r.citedSources.map((s) => s.slice(0, 3)))].join(',') || 'nothing'}`]
            .filter(Boolean)
            .join('; ');
    lines.push(`  ${r.id} [${r.type}] ${why}  ${short(r.question, 50)}`);
    lines.push(`      → ${short(r.answer, 90)}`);
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const opts = parseOptions(argv);
  const config = loadConfig();
  if (opts.llm && !config.OPENAI_API_KEY) {
    process.stderr.write('--llm needs an LLM: set OPENAI_API_KEY (and OPENAI_BASE_URL / OPENAI_MODEL if not OpenAI) in .env, or run without --llm to score the offline advisor.\n');
    return 2;
  }
  const items = loadDevset(opts.devset);
  const t0 = Date.now();
  const services = await createServices(config, { log: (m) => process.stderr.write(`${m}\n`) });
  const docs = services.retriever.docs;
  const retrieval: RetrievalReport[] = [];
  for (const mode of opts.modes) retrieval.push(await evaluateRetrieval(items, services.retriever, mode, Math.max(opts.k, 5), mode === 'hybrid' ? { label: 'fused' } : {}));
  // Every channel of the knowledge layer alone, beside the passage channel's halves and the fusion.
  if (opts.modes.includes('hybrid')) {
    for (const channel of CHANNELS) retrieval.push(await evaluateRetrieval(items, services.retriever, 'hybrid', Math.max(opts.k, 5), { label: channel, channels: [channel] }));
  }
  const picked = await pickAdvisor(opts, config, services);
  const { advisor, stats: via } = countVia(picked.advisor);
  const answers = await evaluateAnswers(items, advisor, docs, picked.name);
  // --llm also scores the offline advisor in the same run, so the two modes can be compared.
  const offlineAnswers = opts.llm ? await evaluateAnswers(items, services.offlineAdvisor, docs, 'offline') : undefined;

  const results = {
    createdAt: new Date().toISOString(),
    devset: { questions: items.length, zh: items.filter((i) => i.lang === 'zh').length, en: items.filter((i) => i.lang === 'en').length, unanswerable: items.filter((i) => !i.answerable).length },
    embedder: services.retriever.embedderId,
    k: Math.max(opts.k, 5),
    targets: TARGETS,
    retrieval: Object.fromEntries(retrieval.map((r) => [r.mode, r.summary])),
    answers: { advisor: answers.advisor, ...answers.summary },
    byKind: Object.fromEntries([...new Set(answers.rows.map((r) => r.type))].map((t) => [t, summarizeAnswers(answers.rows.filter((r) => r.type === t))])),
    ...(offlineAnswers ? { answersOffline: { advisor: offlineAnswers.advisor, ...offlineAnswers.summary }, llmVia: via } : {}),
    seconds: (Date.now() - t0) / 1000,
    details: { retrieval: retrieval.map((r) => ({ mode: r.mode, rows: r.rows })), answers: answers.rows },
  };
  // A private question file gets its own results file, so eval/results.json always describes the dev set.
  const resultsPath = opts.devset ? opts.devset.replace(/\.jsonl?$/, '') + '.results.json' : RESULTS_PATH;
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  if (opts.json) {
    const { details: _details, ...summary } = results;
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const out = [
      `Dev set: ${results.devset.questions} questions (${results.devset.zh} zh, ${results.devset.en} en, ${results.devset.unanswerable} unanswerable); embedder ${results.embedder}`,
      '',
      retrievalTable(retrieval),
      '',
      answerTable(answers),
      '',
      typeTable(retrieval, answers),
      '',
      ...(offlineAnswers
        ? [
            `LLM path: ${via.llm} answers from the model, ${via.offline} from the offline fallback${Object.keys(via.notes).length ? ':' : ''}`,
            ...Object.entries(via.notes).map(([note, n]) => `  ${n} × ${note}`),
            '',
            answerTable(offlineAnswers),
            '',
          ]
        : []),
      failureList(retrieval, answers, opts.failures),
      '',
      `Wrote ${resultsPath} in ${results.seconds.toFixed(1)} s.`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.DEBUG) console.error(e);
    process.exitCode = 1;
  },
);
