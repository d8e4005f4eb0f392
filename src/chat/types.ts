import { z } from 'zod';
import { CitationSchema } from '../advisor/types';
import type { EstimateResult, SplitResult } from '../tools';
import { SplitHintsSchema } from '../tools/split-text';

export type Lang = 'zh' | 'en';
export const LangSchema = z.enum(['zh', 'en']);

/**
 * The neutral reply model. The router builds these; each channel renders them (HTML for Telegram,
 * plain text for the terminal), so no handler knows which channel it talks to.
 */
export type Inline = string | { b: string } | { i: string } | { code: string };

export type Block =
  | { kind: 'p'; parts: Inline[] }
  | { kind: 'list'; items: Inline[][]; ordered?: boolean }
  | { kind: 'quote'; parts: Inline[] }
  /** Pre-formatted text (tables); shown in a monospace block. */
  | { kind: 'pre'; text: string };

/** `action` becomes Telegram callback data (≤ 64 bytes), or a number to type in the terminal. */
export interface Button {
  label: string;
  action: string;
}

/**
 * A picture or file the channel makes from a result and sends before the reply's text (the bot: a
 * photo or a document). Channels that cannot send files never get one (TurnContext.media).
 */
export type Attachment =
  | { kind: 'split-chart'; lang: Lang; result: SplitResult; caption: string }
  | { kind: 'estimate-chart'; lang: Lang; data: EstimateChartInput; caption: string }
  | { kind: 'split-xlsx'; lang: Lang; result: SplitResult; caption: string; filename: string };

/** An estimate's input beside its result: what the estimate chart shows. */
export type EstimateChartInput = { area: { km2?: number; mu?: number }; outputPerMu: number; unit?: string } & Pick<EstimateResult, 'mu' | 'output'>;

export interface Reply {
  blocks: Block[];
  buttons?: Button[][];
  attachment?: Attachment;
}

export type Intent = 'ask' | 'split' | 'mode' | 'unclear' | 'command' | 'action' | 'greeting' | 'form';
export type Outcome = 'ok' | 'declined' | 'user_error' | 'clarify' | 'refused' | 'rate_limited' | 'error' | 'ignored';

export interface RouteResult {
  replies: Reply[];
  intent: Intent;
  outcome: Outcome;
  /** Replace the message the pressed button belongs to instead of sending a new one. */
  edit?: boolean;
  /** The channel should start the guided form of this name (the bot: a conversation; the terminal: a prompt loop). */
  startForm?: 'split' | 'mode';
}

/** One stored answer, so the "show sources" button can re-render it later (even after a restart). */
export const StoredAnswerSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  lang: LangSchema,
  answered: z.boolean(),
  citations: z.array(CitationSchema),
  note: z.string().optional(),
});
export type StoredAnswer = z.infer<typeof StoredAnswerSchema>;

/** What a split was computed from, so the "📊 Excel" button can recompute it later (callback data holds only the id). */
export const StoredSplitSchema = z.object({
  id: z.string(),
  /** Chat text (`衢州 60% 杭州 40% 税收 1.5亿`) or the guided form's calculator input. */
  text: z.string().optional(),
  input: z.record(z.string(), z.unknown()).optional(),
});
export type StoredSplit = z.infer<typeof StoredSplitSchema>;
export const MAX_STORED_SPLITS = 3;

export const MAX_SPLIT_ASK_OPTIONS = 4;
/** A split request waiting for the answer to its clarifying question (./split-ask). */
export const SplitAskSchema = z.object({
  text: z.string().max(2000),
  hints: SplitHintsSchema,
  options: z.array(SplitHintsSchema).max(MAX_SPLIT_ASK_OPTIONS),
  typed: z.enum(['amount', 'name', 'years']).optional(),
});
export type SplitAsk = z.infer<typeof SplitAskSchema>;

/** What the chat keeps per user and chat between messages (persisted by the bot's session storage). */
export const ChatSessionSchema = z.object({
  /** Set by /lang; otherwise the language comes from the user's Telegram client. */
  lang: LangSchema.optional(),
  /** The previous question (and its resolved form), for follow-ups such as `那收益怎么分？`. */
  lastQuestion: z.string().optional(),
  /** Text whose intent was unclear, waiting for the user to pick what to do with it. */
  pending: z.string().optional(),
  /** Set by the follow-up button: the next text is a follow-up question. */
  expectFollowUp: z.boolean().default(false),
  /** The last few answers (bounded), for the sources button. */
  answers: z.array(StoredAnswerSchema).default([]),
  /** The last few splits (bounded), for the Excel button. */
  splits: z.array(StoredSplitSchema).default([]),
  seq: z.number().int().nonnegative().default(0),
  /** Numbers the stored splits (the Excel button), apart from the answers' `seq`. */
  splitSeq: z.number().int().nonnegative().default(0),
  /** A split request waiting for the answer to its clarifying question. */
  splitAsk: SplitAskSchema.optional(),
});
export type ChatSession = z.infer<typeof ChatSessionSchema>;

export const MAX_STORED_ANSWERS = 5;

export function newChatSession(): ChatSession {
  return ChatSessionSchema.parse({});
}
