/**
 * What makes two documents the same: their letters and digits, whatever the format, the layout or
 * the punctuation. An exact match is found by hash; a near match (the same text with a different
 * title line, a page header the cleaning kept) by the overlap of sampled character 8-grams.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';

export function letters(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function contentHash(text: string): string {
  return createHash('sha256').update(letters(text), 'utf8').digest('hex');
}

const GRAM = 8;

/** FNV-1a over a string: a cheap hash for sampling grams. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** About one gram in eight, chosen by content (the same grams in both texts are sampled alike). */
export function fingerprint(text: string): Set<number> {
  const l = letters(text);
  const out = new Set<number>();
  for (let i = 0; i + GRAM <= l.length; i++) {
    const h = fnv(l.slice(i, i + GRAM));
    if ((h & 7) === 0) out.add(h);
  }
  return out;
}

/** Share of the smaller fingerprint found in the other (1: one text contains the other). */
export function overlap(a: Set<number>, b: Set<number>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let n = 0;
  for (const h of small) if (big.has(h)) n++;
  return n / small.size;
}

/** Documents sharing this much of their text (and of similar length) are the same document. */
export const SAME_DOCUMENT_OVERLAP = 0.9;

/** A stable id: the file name's ASCII words, if any, and the content hash (`measures-3f2a9c1b`, `doc-3f2a9c1b20`). */
export function documentId(fileName: string, hash: string): string {
  const slug = basename(fileName, extname(fileName))
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return /^[a-z]/.test(slug) && slug.length >= 3 ? `${slug}-${hash.slice(0, 8)}` : `doc-${hash.slice(0, 10)}`;
}

export function detectLang(text: string): 'zh' | 'en' | 'zh-en' {
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]+/g)?.length ?? 0;
  if (cjk === 0) return 'en';
  if (latin > cjk / 4) return 'zh-en';
  return 'zh';
}
