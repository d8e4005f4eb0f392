import { z } from 'zod';

export const CitationSchema = z.object({
  n: z.number().int().positive(),
  source: z.string(),
  title: z.string(),
  section: z.string(),
  /** A sentence found verbatim in the cited document. */
  quote: z.string(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const AskResultSchema = z.object({
  answered: z.boolean(),
  answer: z.string(),
  citations: z.array(CitationSchema),
  lang: z.enum(['zh', 'en']),
  /** When declined: nearby topics the corpus does cover. */
  suggestions: z.array(z.string()).optional(),
  /** Which path produced the answer. */
  via: z.enum(['offline', 'llm']).default('offline'),
  /** A one-line note for the user, e.g. why the LLM path fell back. */
  note: z.string().optional(),
});
export type AskResult = z.infer<typeof AskResultSchema>;

export interface AskOptions {
  /** The previous question, for follow-ups. */
  context?: string;
  /** Force the answer language; by default it follows the question. */
  lang?: 'zh' | 'en';
  /**
   * Streaming (LLM advisor only; others ignore it): called with the verified answer so far each
   * time it grows. The returned AskResult remains the final answer, with its citations.
   */
  onPartial?: (text: string) => void;
}

export interface Advisor {
  ask(question: string, options?: AskOptions): Promise<AskResult>;
}
