import { decodeText } from './text';
import type { Extracted, SourceLine } from './types';

/** Markdown inline marks removed, the words kept: **bold**, `code`, [text](url), images, HTML tags. */
export function stripInlineMarkdown(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .trim();
}

/**
 * Markdown: `#` headings keep their level, blank lines separate paragraphs, lines inside a paragraph
 * are joined. List items and table rows are paragraphs of their own; code fences and front matter
 * are dropped (not prose).
 */
export function extractMarkdown(bytes: Buffer): Extracted {
  let text = decodeText(bytes).replace(/\r\n?/g, '\n');
  if (text.startsWith('---\n')) {
    const close = text.indexOf('\n---\n', 4);
    if (close > 0) text = text.slice(close + 5);
  }
  const lines: SourceLine[] = [];
  let gap = true;
  let fence = false;
  for (const raw of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      fence = !fence;
      gap = true;
      continue;
    }
    if (fence) continue;
    const t = raw.trim();
    if (!t || /^([-*_])\1{2,}$/.test(t) || /^\|?\s*:?-{3,}/.test(t)) {
      gap = true;
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(t);
    if (h) {
      lines.push({ text: stripInlineMarkdown(h[2]), heading: h[1].length, breakBefore: true });
      gap = true;
      continue;
    }
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(t);
    const row = t.startsWith('|') ? t.split('|').map((c) => stripInlineMarkdown(c)).filter(Boolean).join('　') : undefined;
    const bullet = /^[-*+]\s+/.test(t) ? t.replace(/^[-*+]\s+/, '') : undefined;
    const body = stripInlineMarkdown(row ?? bullet ?? t.replace(/^>\s?/, ''));
    if (!body) continue;
    lines.push({ text: body, ...(gap || item || row ? { breakBefore: true } : {}) });
    gap = !!row;
  }
  return { format: 'md', pages: [lines], lineMode: 'blocks' };
}
