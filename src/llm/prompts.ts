/**
 * Prompts are files in prompts/ (versioned with the code, reviewed like code), read once at start-up.
 * A missing or empty file stops start-up with a message naming it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

export interface Prompts {
  /** Short hash of every prompt file: logged with each answer so results can be traced to a prompt version. */
  version: string;
  /** The full system prompt for an answer in this language. */
  system(lang: 'zh' | 'en'): string;
  /** Marker planted in the system prompt; seeing it in an answer means the prompt leaked. */
  canary: string;
  /** Tool descriptions by tool name (prompts/tools/<name>.md). */
  tools: Record<string, string>;
}

export class PromptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptError';
  }
}

function read(dir: string, name: string): string {
  const path = join(dir, name);
  if (!existsSync(path)) throw new PromptError(`Prompt file ${path} is missing; restore it from git (git checkout -- prompts/).`);
  const text = readFileSync(path, 'utf8').trim();
  if (!text) throw new PromptError(`Prompt file ${path} is empty.`);
  return text;
}

export function loadPrompts(dir: string = PROMPTS_DIR): Prompts {
  const system = read(dir, 'system.md');
  const decline = read(dir, 'decline.md');
  const style = { zh: read(dir, 'answer-style.zh.md'), en: read(dir, 'answer-style.en.md') };
  const toolDir = join(dir, 'tools');
  const tools: Record<string, string> = {};
  if (existsSync(toolDir)) {
    for (const f of readdirSync(toolDir).filter((f) => f.endsWith('.md')).sort()) tools[f.slice(0, -3)] = read(toolDir, f);
  }
  const hash = createHash('sha256');
  for (const t of [system, decline, style.zh, style.en, ...Object.entries(tools).flat()]) hash.update(t).update('\0');
  const version = hash.digest('hex').slice(0, 12);
  const canary = `EA-CANARY-${version}`;
  for (const key of ['{{decline}}', '{{style}}', '{{canary}}']) {
    if (!system.includes(key)) throw new PromptError(`Prompt file ${join(dir, 'system.md')} must contain the placeholder ${key}.`);
  }
  return {
    version,
    canary,
    tools,
    // Function replacers: a `$&` or `$'` in a prompt file is text, not a replacement pattern.
    system: (lang) =>
      system
        .replace('{{decline}}', () => decline)
        .replace('{{style}}', () => style[lang])
        .replace('{{canary}}', () => canary),
  };
}

/** The line the model writes when the corpus does not cover the question (see prompts/decline.md). */
export const DECLINE_MARKER = '[[DECLINE]]';
