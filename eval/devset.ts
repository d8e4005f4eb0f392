/**
 * The dev QA set (eval/devset.jsonl): one schema, one loader, shared by `npm run eval`,
 * `npm run bench` and test/devset.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const DEVSET_PATH = fileURLToPath(new URL('./devset.jsonl', import.meta.url));

export const GoldSchema = z.object({
  /** Original file name of the source document, e.g. `004_4dc32fbbbf306e5c.txt`. */
  source: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/),
  /** A passage that answers the question, verbatim from the cleaned corpus file. */
  quote: z.string().min(4),
});
export type Gold = z.infer<typeof GoldSchema>;

export const QuestionTypeSchema = z.enum(['fact', 'definition', 'paraphrase', 'multi_doc', 'list', 'partial', 'followup', 'unanswerable']);

export const DevItemSchema = z
  .object({
    id: z.string().regex(/^(zh|en)-\d{3,4}$/),
    question: z.string().min(2),
    lang: z.enum(['zh', 'en']),
    type: QuestionTypeSchema,
    answerable: z.boolean(),
    gold: z.array(GoldSchema),
    /** Short facts (mostly Chinese, as in the evidence) that a correct answer contains. */
    keywords: z.array(z.string().min(1)),
    /** How it is written (formal, colloquial, traditional, paraphrase, english-paraphrase). */
    style: z.string().optional(),
    /** A follow-up's previous question. */
    context: z.string().min(2).optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.answerable !== (item.type !== 'unanswerable')) {
      ctx.addIssue({ code: 'custom', message: 'answerable must be false exactly when type is "unanswerable"' });
    }
    if (item.answerable && (item.gold.length === 0 || item.keywords.length === 0)) {
      ctx.addIssue({ code: 'custom', message: 'an answerable question needs at least one gold quote and one keyword' });
    }
    if (!item.answerable && (item.gold.length > 0 || item.keywords.length > 0)) {
      ctx.addIssue({ code: 'custom', message: 'an unanswerable question has no gold quotes and no keywords' });
    }
    if (item.type === 'followup' && !item.context) {
      ctx.addIssue({ code: 'custom', message: 'a followup question needs its context (the previous question)' });
    }
    if (item.type === 'multi_doc' && new Set(item.gold.map((g) => g.source)).size < 2) {
      ctx.addIssue({ code: 'custom', message: 'a multi_doc question needs gold quotes from at least two documents' });
    }
    if (!item.id.startsWith(`${item.lang}-`)) {
      ctx.addIssue({ code: 'custom', message: `id ${item.id} must start with its language "${item.lang}-"` });
    }
  });
export type DevItem = z.infer<typeof DevItemSchema>;

/** Parses the JSONL text; every bad line is reported with its number. */
export function parseDevset(text: string): DevItem[] {
  const items: DevItem[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      problems.push(`line ${i + 1}: not valid JSON (${e instanceof Error ? e.message : e})`);
      return;
    }
    const parsed = DevItemSchema.safeParse(value);
    if (parsed.success) items.push(parsed.data);
    else problems.push(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(item)'} ${x.message}`).join('; ')}`);
  });
  if (problems.length) throw new Error(`Invalid dev set:\n  ${problems.join('\n  ')}`);
  return items;
}

export function loadDevset(path = DEVSET_PATH): DevItem[] {
  return parseDevset(readFileSync(path, 'utf8'));
}
