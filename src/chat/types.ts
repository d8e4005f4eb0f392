import { z } from 'zod';
import { CitationSchema } from '../advisor/types';

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

export interface Reply {
  blocks: Block[];
  buttons?: Button[][];
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
  seq: z.number().int().nonnegative().default(0),
});
export type ChatSession = z.infer<typeof ChatSessionSchema>;

export const MAX_STORED_ANSWERS = 5;

export function newChatSession(): ChatSession {
  return ChatSessionSchema.parse({});
}
