#!/usr/bin/env tsx
/**
 * `npm run eval:split -- --set FILE.jsonl [--concurrency N] [--json] [--failures N] [--strict-names]`
 *
 * Runs a JSONL batch of split requests through the real CLI path — one `split --json --text "…"`
 * process per request, as an official's request would run — and reports the share computed exactly
 * right (amounts to the cent, schedules per year), the refusals, and the clarify items asked
 * correctly. Item format and scoring: ./split-parse-lib.ts. Party names are compared after folding
 * Traditional characters to Simplified (村集體 and 村集体 are one name in two scripts; the CLI prints some
 * names in Simplified, the batches write them as typed), and the English role names are the Chinese ones (the
 * batches' brief allows either; `--strict-names` keeps them apart, as the batches before round 6 were scored); nothing else is folded. Exit 0 when the batch ran (whatever the
 * score), 1 on a crash of the CLI (no JSON and no one-line error), 2 on bad usage.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { simplify } from '../src/knowledge/normalize';
import { EvalItemSchema, judge, type EvalItem, type Outcome, type Verdict } from './split-parse-lib';

/**
 * The batches' brief lets a writer name the roles either way (飞出地 or 'sending area'), so the two are one
 * name here; Traditional characters fold to Simplified. Nothing else is folded (庆元 is not 庆元县).
 */
const ROLE_NAME: Record<string, string> = { 'sending area': '飞出地', 'receiving area': '飞入地' };
const foldName = (name: string): string => {
  const s = simplify(name);
  return ROLE_NAME[s.toLowerCase()] ?? s;
};

const USAGE = 'npm run eval:split -- --set FILE.jsonl [--concurrency N] [--json] [--failures N] [--strict-names]';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(text: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'split', '--json', '--text', text], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** What the CLI run means: a result, a refusal (non-zero exit with a message), or a crash. */
function outcomeOf(run: CliRun): Outcome | { crash: string } {
  if (run.code === 0) {
    try {
      const r = JSON.parse(run.stdout) as Extract<Outcome, { ok: true }>['result'];
      if (r && typeof r === 'object' && r.amounts) return { ok: true, result: r };
    } catch {
      // not JSON: a crash
    }
    return { crash: `exit 0 without a JSON result: ${run.stdout.slice(0, 200)}` };
  }
  const message = run.stderr.trim().replace(/^Error:\s*/, '');
  if (!message) return { crash: `exit ${run.code} with no message` };
  if (/\n\s+at\s/.test(run.stderr)) return { crash: `stack trace: ${run.stderr.split('\n')[0]}` };
  return { ok: false, message };
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { set: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean' }, failures: { type: 'string' }, 'strict-names': { type: 'boolean' } }, strict: true }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : e}. Usage: ${USAGE}`);
    return 2;
  }
  if (!values.set) {
    console.error(`--set FILE.jsonl is required. Usage: ${USAGE}`);
    return 2;
  }
  if (!existsSync(values.set)) {
    console.error(`no file ${values.set}. Usage: ${USAGE}`);
    return 2;
  }
  const items: EvalItem[] = [];
  const lines = readFileSync(values.set, 'utf8').split(/\r?\n/);
  for (const [n, line] of lines.entries()) {
    if (!line.trim()) continue;
    let parsed;
    try {
      parsed = EvalItemSchema.safeParse(JSON.parse(line.replace(/^\uFEFF/, '')));
    } catch (e) {
      console.error(`${values.set}:${n + 1} is not valid JSON (${e instanceof Error ? e.message : e})`);
      return 2;
    }
    if (!parsed.success) {
      console.error(`${values.set}:${n + 1} is not an item {"id","text","expect"}: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
      return 2;
    }
    items.push(parsed.data);
  }
  const concurrency = Math.max(1, Math.min(8, Number(values.concurrency ?? 2) || 2));
  const results: Array<{ item: EvalItem; verdict: Verdict; crash?: string }> = new Array(items.length);
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (nextIndex < items.length) {
        const k = nextIndex++;
        const item = items[k];
        const o = outcomeOf(await runCli(item.text));
        results[k] = 'crash' in o ? { item, verdict: { right: false, refused: false, detail: o.crash }, crash: o.crash } : { item, verdict: judge(item, o, { sameName: values['strict-names'] ? simplify : foldName }) };
      }
    }),
  );

  const computeItems = results.filter((r) => !('clarify' in r.item.expect));
  const clarifyItems = results.filter((r) => 'clarify' in r.item.expect);
  const right = results.filter((r) => r.verdict.right).length;
  const summary = {
    set: values.set,
    nameFolding: 'Traditional → Simplified',
    items: results.length,
    right,
    rate: results.length ? right / results.length : 0,
    computedRight: computeItems.filter((r) => r.verdict.right).length,
    computeItems: computeItems.length,
    refusedComputeItems: computeItems.filter((r) => r.verdict.refused).length,
    clarifyRight: clarifyItems.filter((r) => r.verdict.right).length,
    clarifyItems: clarifyItems.length,
    crashes: results.filter((r) => r.crash).length,
    failures: results.filter((r) => !r.verdict.right).map((r) => ({ id: r.item.id, text: r.item.text, detail: r.verdict.detail })),
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
    console.log(`split requests: ${summary.set}  (party names compared after Traditional → Simplified folding; sending/receiving area = 飞出地/飞入地, as the batches' brief allows)`);
    console.log(`  exactly right          ${right} / ${results.length}  (${pct(right, results.length)})`);
    console.log(`  computed right         ${summary.computedRight} / ${summary.computeItems}  (${pct(summary.computedRight, summary.computeItems)})`);
    console.log(`  refused (should compute) ${summary.refusedComputeItems}`);
    console.log(`  clarify asked right    ${summary.clarifyRight} / ${summary.clarifyItems}`);
    console.log(`  crashes                ${summary.crashes}`);
    const show = Number(values.failures ?? 20);
    for (const f of summary.failures.slice(0, show)) console.log(`  ✗ ${f.id} ${f.text}\n      ${f.detail}`);
  }
  return summary.crashes ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
