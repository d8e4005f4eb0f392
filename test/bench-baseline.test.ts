/**
 * The bench's plain-BM25 yardstick runs on a user's clone too: without the raw source texts beside
 * the repository it searches the shipped papers' bodies (front matter left out).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { baselineTexts, buildBaseline } from '../bench/baseline';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

it('falls back to the shipped papers when the raw texts are absent, and finds a passage in them', () => {
  const { from, texts } = baselineTexts(join(ROOT, 'no-such-dir'), join(ROOT, 'corpus'));
  expect(from).toBe('corpus');
  expect(texts.map((t) => t.source)).toEqual(['000-enclave-relay-southeast-asia.md', '001-industrial-enclaves-zhejiang-26-counties.md', '002-eurasian-land-bridge-parks.md', '003-reverse-enclave-innovation.md', '004-zhejiang-mountain-sea-enclaves.md']);
  for (const t of texts) expect(t.text.startsWith('---')).toBe(false);
  const hit = buildBaseline(texts).search('金磐开发区规划建设面积', 1)[0];
  expect(hit?.source).toBe('004-zhejiang-mountain-sea-enclaves.md');
});
