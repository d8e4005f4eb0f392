/**
 * `npx tsx eval/added-document-stability.ts [FILE] [--set eval/devset.jsonl ...]` — what adding one
 * document does to the answers about the shipped papers. Asks every question of the sets with the
 * shipped corpus alone, adds FILE (default: the test fixture, a fictional city's enclave measures)
 * in a temporary DATA_DIR/INDEX_DIR, asks again, and prints how many answers are identical, keep
 * their answered/declined decision, their first citation, their first line, and how many now cite
 * the new document. Some change is expected: IDF, BM25 and the LSA model are fitted on all loaded
 * documents, so scores of the shipped passages shift a little.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadConfig } from '../src/config';
import { createServices } from '../src/services';
import { loadAllDocuments } from '../src/corpus/added';
import { importDocument } from '../src/documents/import';
import type { AskResult } from '../src/advisor/types';

const args = process.argv.slice(2);
const sets: string[] = [];
let file = 'test/fixtures/xinan-enclave-measures.txt';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--set') sets.push(args[++i]!);
  else file = args[i]!;
}
if (!sets.length) sets.push('eval/devset.jsonl', 'eval/holdout7.jsonl', 'eval/holdout8.jsonl');
const questions = sets.flatMap((s) =>
  readFileSync(s, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { question: string }).question),
);

const root = mkdtempSync(join(tmpdir(), 'enclave-stability-'));
const config = loadConfig({ ...process.env, DATA_DIR: join(root, 'data'), INDEX_DIR: join(root, 'index'), OPENAI_API_KEY: '' });
const quiet = { log: () => undefined };

async function askAll(): Promise<AskResult[]> {
  const services = await createServices(config, quiet);
  const out: AskResult[] = [];
  // What a user sees: the advisor's debugging signals (scores) are left out.
  for (const q of questions) out.push((({ signals: _, ...shown }) => shown)((await services.offlineAdvisor.ask(q)) as AskResult & { signals?: unknown }));
  return out;
}

try {
  const before = await askAll();
  const dir = join(root, 'data', 'documents');
  const { entry } = await importDocument({ bytes: readFileSync(file), fileName: basename(file) }, { documentsDir: dir, existing: loadAllDocuments({ corpusDir: config.CORPUS_DIR, documentsDir: dir }) });
  const after = await askAll();
  const count = (f: (a: AskResult, b: AskResult) => boolean) => before.filter((a, i) => f(a, after[i]!)).length;
  const n = questions.length;
  console.log(`${n} questions (${sets.join(', ')}); added ${entry.source} (${entry.chunks} passages)`);
  console.log(`identical answers             ${count((a, b) => JSON.stringify(a) === JSON.stringify(b))}/${n}`);
  console.log(`same answered/declined        ${count((a, b) => a.answered === b.answered)}/${n}`);
  console.log(`same first citation           ${count((a, b) => a.citations[0]?.quote === b.citations[0]?.quote)}/${n}`);
  console.log(`same first line               ${count((a, b) => a.answer.split('\n')[0] === b.answer.split('\n')[0])}/${n}`);
  console.log(`now citing the new document   ${after.filter((b) => b.citations.some((c) => c.source === entry.source)).length}/${n}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
