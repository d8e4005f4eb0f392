/**
 * The question bank (RAGFlow's auto-question, FastGPT's QA split, done ahead of time): for each node
 * of the knowledge layer, the questions an official might type whose answer is in that node, its
 * keywords and synonyms, and the answer spans quoted verbatim from it. `corpus/questions/<doc>.jsonl`
 * holds the shipped papers' bank; `npm run enrich` writes entries for nodes that have none.
 * Every entry is verified against the tree on load: its node exists, the node's text still has the
 * hash the entry was written for, and every answer span is verbatim in the node.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { KnowledgeNode } from './nodes';

export const BankQuestionSchema = z.object({
  q: z.string().min(2).max(300),
  lang: z.enum(['zh', 'en']),
  style: z.string().optional(),
});

export const BankEntrySchema = z
  .object({
    node: z.string().min(1),
    hash: z.string().regex(/^[0-9a-f]{12}$/),
    questions: z.array(BankQuestionSchema).min(1).max(12),
    keywords: z.array(z.string().min(1)).default([]),
    answers: z.array(z.string().min(2)).min(1),
    /** Who wrote it: 'hand' (shipped papers) or 'llm:<model>' (enrich). */
    origin: z.string().optional(),
  })
  .strict();
export type BankEntry = z.infer<typeof BankEntrySchema>;

export interface BankProblem {
  file: string;
  line: number;
  message: string;
}

export interface LoadedBank {
  entries: BankEntry[];
  /** Lines that failed the schema, name a missing node, are stale, or quote text not in the node. */
  problems: BankProblem[];
}

/** Reads every `*.jsonl` in `dir` and keeps the entries that verify against `nodes`. */
export function loadBank(dir: string, nodes: KnowledgeNode[]): LoadedBank {
  const entries: BankEntry[] = [];
  const problems: BankProblem[] = [];
  if (!existsSync(dir)) return { entries, problems };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split(/\r?\n/);
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const where = { file, line: i + 1 };
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        problems.push({ ...where, message: 'not valid JSON' });
        return;
      }
      const parsed = BankEntrySchema.safeParse(value);
      if (!parsed.success) {
        problems.push({ ...where, message: parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ') });
        return;
      }
      const message = verifyEntry(parsed.data, byId.get(parsed.data.node));
      if (message) problems.push({ ...where, message });
      else entries.push(parsed.data);
    });
  }
  return { entries, problems };
}

/** Why an entry does not fit its node (undefined when it does). */
export function verifyEntry(entry: BankEntry, node: KnowledgeNode | undefined): string | undefined {
  if (!node) return `node ${entry.node} does not exist`;
  if (node.hash !== entry.hash) return `stale: node ${entry.node} changed since the entry was written (hash ${entry.hash}, now ${node.hash})`;
  const missing = entry.answers.find((a) => !node.text.includes(a));
  if (missing !== undefined) return `answer not verbatim in node ${entry.node}: ${missing.slice(0, 40)}`;
  return undefined;
}

/** The text a bank entry is searched by: one line per question, then its keywords. */
export function bankQuestionTexts(entry: BankEntry): string[] {
  return entry.questions.map((q) => q.q);
}
