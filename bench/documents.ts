/**
 * `npx tsx bench/documents.ts` — how long adding a document takes, step by step: import (parse,
 * clean, chunk, commit) per format, then the index rebuild a new document needs, and loading that
 * index (what a running bot's swap costs once the child process has built it). Temporary folders
 * only; prints one line per figure (median of 5 runs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAllDocuments } from '../src/corpus/added';
import { importDocument } from '../src/documents/import';
import { openRetriever } from '../src/retrieval';
import { docxFromText, policyText, textPdf } from '../test/helpers/documents';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const inputs: Array<[string, Buffer]> = [
  ['xinan.txt', Buffer.from(policyText())],
  ['xinan.docx', await docxFromText(policyText())],
  ['riverside.pdf', await textPdf()],
];

for (const [name, bytes] of inputs) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-docs-'));
    runs.push(await time(() => importDocument({ bytes, fileName: name }, { documentsDir: dir, existing: loadAllDocuments({ corpusDir: 'corpus', documentsDir: dir }) })));
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`import ${name.padEnd(14)} ${(bytes.length / 1024).toFixed(1).padStart(6)} KB  median ${median(runs).toFixed(0)} ms`);
}

const docsDir = mkdtempSync(join(tmpdir(), 'bench-docs-'));
const indexDir = mkdtempSync(join(tmpdir(), 'bench-index-'));
await importDocument({ bytes: inputs[0][1], fileName: inputs[0][0] }, { documentsDir: docsDir, existing: loadAllDocuments({ corpusDir: 'corpus', documentsDir: docsDir }) });
const builds: number[] = [];
const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  builds.push(await time(() => openRetriever({ corpusDir: 'corpus', documentsDir: docsDir, indexDir, force: true })));
  loads.push(await time(() => openRetriever({ corpusDir: 'corpus', documentsDir: docsDir, indexDir })));
}
console.log(`index rebuild with the added document  median ${median(builds).toFixed(0)} ms`);
console.log(`index load (the swap in a running bot)  median ${median(loads).toFixed(0)} ms`);
rmSync(docsDir, { recursive: true, force: true });
rmSync(indexDir, { recursive: true, force: true });
