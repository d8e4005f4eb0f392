import type { AskOptions, AskResult } from '../advisor/types';

/**
 * What the chat router needs from the rest of the program. `fromServices` (./services-adapter)
 * builds it from the real services; tests may pass small fakes. Kept narrow on purpose: the
 * router never reaches into the retriever or the tools directly.
 */
export interface SourceRef {
  source: string;
  title?: string;
  section?: string;
  quote: string;
}

export interface SplitOutcome {
  shares: Record<string, number>;
  amounts: Record<string, number>;
  schedule?: Array<{ year: number; shares: Record<string, number>; amounts: Record<string, number> }>;
  steps: string[];
  sources: SourceRef[];
  indicator?: string;
}

export interface ModeCandidate {
  id: string;
  nameZh?: string;
  nameEn?: string;
  score: number;
  signals?: Array<string | { label: string }>;
}

export interface ModeOutcome {
  primary: string | null;
  direction: string | null;
  candidates: ModeCandidate[];
  recommendations: Array<string | { mechanism?: string; nameZh?: string; nameEn?: string; why?: string }>;
  sources: SourceRef[];
  /** When primary is null: what the user should add. */
  missing?: string | string[];
}

/** Structured answers of the guided /mode form (the classifier's ModeAnswers). */
export type ModeAnswers = Record<string, unknown> & { text?: string };

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
  /** Runs the calculator on validated input; throws UserError on bad input. */
  computeSplit(input: unknown): SplitOutcome;
  /** A free-text description, or the structured answers of the guided form. */
  classifyMode(input: string | ModeAnswers): ModeOutcome;
  /** Mode names for display. */
  modeInfo(id: string): ModeInfo | undefined;
  documents(): CorpusDocInfo[];
}
