import type { AskOptions, AskResult } from '../advisor/types';
import type { ClassifyInput, EstimateResult, ModeResult, SplitHints, SplitQuestion, SplitResult } from '../tools';

/**
 * What the chat router needs from the rest of the program. `fromServices` (./adapter) builds it
 * from the real services; tests may pass small fakes. Kept narrow on purpose: the router never
 * reaches into the retriever or the tools directly. The result types are the tools' own.
 */
export type SplitOutcome = SplitResult;
export type SplitTextOutcome = { ok: true; result: SplitOutcome; input: unknown } | { ok: false; message: string; question?: SplitQuestion };
export type ModeOutcome = ModeResult;
export type { ModeAnswers } from '../tools';
export type SourceRef = SplitResult['sources'][number];

export interface CorpusDocInfo {
  id: string;
  source: string;
  title: string;
  titleEn?: string;
  authors?: string[];
  year?: number;
  venue?: string;
}

export interface ModeInfo {
  id: string;
  zh: string;
  en: string;
}

export interface ChatServices {
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  /** Chat text such as `六四分成 1000万` → the split; throws UserError saying what is missing, with an example. */
  splitFromText(text: string): SplitOutcome;
  /**
   * The same, with answers to an earlier clarifying question (hints); a request that leaves one
   * thing open comes back with the question to ask instead of an error. Optional: without it the
   * router reports the error of splitFromText.
   */
  splitText?(text: string, hints?: SplitHints): SplitTextOutcome;
  /** Runs the calculator on validated input; throws UserError on bad input. */
  computeSplit(input: unknown): SplitOutcome;
  /** A free-text description, or the structured answers (ModeAnswers) of the guided form. */
  classifyMode(input: ClassifyInput): ModeOutcome;
  /** The output estimate (area × output per 亩); throws UserError on bad input. Absent: /estimate says it is unavailable. */
  estimate?(input: unknown): EstimateResult;
  /** Mode names for display. */
  modeInfo(id: string): ModeInfo | undefined;
  documents(): CorpusDocInfo[];
}
