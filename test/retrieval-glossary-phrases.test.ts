import { describe, expect, it } from 'vitest';
import { expandQuery } from '../src/retrieval/glossary';

describe('glossary: everyday English phrases of the domain', () => {
  it('reads "land bridge" as one term (大陆桥), not land (土地) plus bridge', () => {
    const e = expandQuery('Which parks lie along the land bridge?');
    expect(e.added).toContain('大陆桥');
    expect(e.added).not.toContain('土地');
  });

  it('maps plain verbs and time words to the papers’ wording', () => {
    expect(expandQuery('Who is pushing cities to work together?').added).toEqual(expect.arrayContaining(['推动', '合作']));
    expect(expandQuery('What is the situation at present?').added).toContain('当前');
  });
});
