/**
 * `npm run enrich`: writes question-bank entries through a configured LLM for the nodes that have
 * none (documents added later, passages whose text changed) — RAGFlow's auto-question and
 * auto-keyword, done once at import time, never at question time. Every entry is verified like the
 * hand-written ones (answers verbatim in the node) before it is written; an entry is keyed by its
 * node's content hash, so a node already enriched is not sent again.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CorpusDocument } from '../corpus/schema';
import { BankQuestionSchema, loadBank, verifyEntry, type BankEntry } from './bank';
import { knowledgeNodes, type KnowledgeNode } from './nodes';

/** Sends one prompt to the model and returns its text (src/llm/generate.ts, or a test double). */
export type Generate = (system: string, user: string) => Promise<string>;

const ENRICH_PROMPT = fileURLToPath(new URL('../../prompts/enrich.md', import.meta.url));

const ModelEntrySchema = z.object({
  questions: z.array(BankQuestionSchema).min(1),
  keywords: z.array(z.string().min(1)).default([]),
  answers: z.array(z.string().min(2)).min(1),
});

/** The model's JSON, tolerating a code fence or words around the object. */
function parseModelJson(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('no JSON object in the reply');
  return JSON.parse(text.slice(start, end + 1));
}

/**
 * One entry for one node, or why not: questions are kept 3–6, answers only where verbatim in the
 * node (a paraphrased "answer" is dropped; with none left the node gets no entry).
 */
export async function enrichNode(node: KnowledgeNode, generate: Generate, origin: string, system = readFileSync(ENRICH_PROMPT, 'utf8')): Promise<BankEntry | string> {
  let reply: string;
  try {
    reply = await generate(system, `<node>\n${node.text}\n</node>`);
  } catch (e) {
    return `model call failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  let parsed: z.infer<typeof ModelEntrySchema>;
  try {
    parsed = ModelEntrySchema.parse(parseModelJson(reply));
  } catch (e) {
    return `reply is not a bank entry: ${e instanceof Error ? e.message.split('\n')[0]!.slice(0, 120) : String(e)}`;
  }
  const answers = [...new Set(parsed.answers.map((a) => a.trim()))].filter((a) => node.text.includes(a)).slice(0, 3);
  const questions = parsed.questions.filter((q) => q.q.trim().length >= 2).slice(0, 6);
  if (!answers.length) return 'no answer span is verbatim in the passage';
  if (questions.length < 3) return 'fewer than 3 questions';
  const entry: BankEntry = { node: node.id, hash: node.hash, questions, keywords: parsed.keywords.slice(0, 8), answers, origin };
  return verifyEntry(entry, node) ?? entry;
}

export interface EnrichReport {
  /** Nodes that already had a current entry (not sent to the model). */
  cached: number;
  written: BankEntry[];
  failed: { node: string; why: string }[];
}

/** Enriches the nodes of `docs` that have no current entry in `bankDir`, and writes the bank files. */
export async function enrichDocuments(docs: CorpusDocument[], bankDir: string, generate: Generate, opts: { origin: string; log?: (m: string) => void }): Promise<EnrichReport> {
  const nodes = knowledgeNodes(docs);
  const existing = loadBank(bankDir, nodes).entries;
  const current = new Set(existing.map((e) => e.node));
  const todo = nodes.filter((n) => !current.has(n.id));
  const report: EnrichReport = { cached: nodes.length - todo.length, written: [], failed: [] };
  const system = readFileSync(ENRICH_PROMPT, 'utf8');
  for (const node of todo) {
    const r = await enrichNode(node, generate, opts.origin, system);
    if (typeof r === 'string') {
      report.failed.push({ node: node.id, why: r });
      opts.log?.(`enrich: ${node.id} skipped (${r})`);
    } else report.written.push(r);
  }
  if (report.written.length) writeBank(bankDir, [...existing, ...report.written]);
  return report;
}

/**
 * Writes the entries one file per document (`<docId>.jsonl`), each file replaced atomically
 * (temporary file, fsync, rename): a crash leaves the old file or the new one. Entries that no
 * longer verify were already left out by the loader, so a rewrite also drops stale lines.
 */
export function writeBank(bankDir: string, entries: BankEntry[]): void {
  mkdirSync(bankDir, { recursive: true });
  const byDoc = new Map<string, BankEntry[]>();
  for (const e of entries) {
    const doc = e.node.split(/[#/]/)[0]!;
    (byDoc.get(doc) ?? byDoc.set(doc, []).get(doc)!).push(e);
  }
  for (const [doc, list] of byDoc) {
    const path = join(bankDir, `${doc}.jsonl`);
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, list.map((e) => JSON.stringify(e)).join('\n') + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }
}

export function bankDirFor(documentsDir: string): string {
  return join(documentsDir, 'questions');
}

