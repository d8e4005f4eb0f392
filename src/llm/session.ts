/**
 * What one answer's agent run has seen: the passages shown to the model (numbered as it saw them)
 * and every number the calculators produced. Verification checks the final text against this.
 */
import type { Hit } from '../retrieval/types';
import { collectNumbers } from './numbers';
import { cjkBigrams, type PassageRef } from './verify';

export interface ToolCallRecord {
  name: string;
  ok: boolean;
  ms: number;
}

export class AgentSession {
  readonly passages = new Map<number, PassageRef>();
  private readonly byChunk = new Map<string, number>();
  readonly toolNumbers: number[] = [];
  readonly calls: ToolCallRecord[] = [];
  /** Schema-invalid calculator calls: the model gets one chance to correct itself. */
  badArguments = 0;
  private readonly bigrams = new Map<string, ReadonlySet<string>>();

  /**
   * A passage's character bigrams, computed once per answer: verification compares every claim with
   * its cited passages, and a streamed answer is re-verified at every completed sentence.
   */
  readonly passageBigrams = (text: string): ReadonlySet<string> => {
    let grams = this.bigrams.get(text);
    if (!grams) {
      grams = cjkBigrams(text);
      this.bigrams.set(text, grams);
    }
    return grams;
  };

  /** Numbers passages across retrieve calls; a passage seen twice keeps its first number. */
  addHits(hits: Hit[]): PassageRef[] {
    return hits.map((h) => {
      let n = this.byChunk.get(h.chunk.id);
      if (n === undefined) {
        n = this.passages.size + 1;
        this.byChunk.set(h.chunk.id, n);
        this.passages.set(n, { n, source: h.chunk.source, title: h.chunk.title, section: h.chunk.section, text: h.chunk.text });
      }
      return this.passages.get(n)!;
    });
  }

  /** Corpus quotes a calculator cites as its basis: numbered like passages, so the answer can cite them. */
  addQuotes(quotes: { source: string; section: string; quote: string }[], titleOf: (source: string) => string): PassageRef[] {
    return quotes.map((q) => {
      const key = `quote:${q.source}|${q.quote}`;
      let n = this.byChunk.get(key);
      if (n === undefined) {
        n = this.passages.size + 1;
        this.byChunk.set(key, n);
        this.passages.set(n, { n, source: q.source, title: titleOf(q.source), section: q.section ?? '', text: q.quote });
      }
      return this.passages.get(n)!;
    });
  }

  addToolOutput(output: unknown): void {
    collectNumbers(output, this.toolNumbers);
  }

  get calculatorCalled(): boolean {
    return this.calls.some((c) => c.ok && c.name !== 'retrieve_passages');
  }
}
