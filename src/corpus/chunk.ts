import type { Chunk, CorpusDocument } from './schema';
import { sectionsOf } from './sections';
import { splitSentences, type Sentence } from './sentences';

/** Bump whenever chunk boundaries can change: the search index hash includes it. */
export const CHUNKER_VERSION = 2;

export interface ChunkOptions {
  /** Stop adding sentences once a chunk reaches this many characters. */
  targetChars?: number;
  /** Hard ceiling; longer sentences are cut at clause marks (，、；：,). */
  maxChars?: number;
  /** Sentences repeated at the start of the next chunk. */
  overlapSentences?: number;
  /**
   * Top-level sections left out. Reference lists would pollute passages; explanatory notes (注释)
   * stay in, because some carry definitions the body relies on (003's note on 山海协作工程, 蛛网模型).
   */
  skipSections?: string[];
}

export const DEFAULT_CHUNK_OPTIONS: Required<ChunkOptions> = {
  targetChars: 350,
  maxChars: 520,
  overlapSentences: 1,
  skipSections: ['参考文献', 'References'],
};

/** Cuts a sentence longer than `max` at the last clause mark before the limit (or hard, if none). */
function cutLong(s: Sentence, raw: string, max: number): Sentence[] {
  const out: Sentence[] = [];
  let start = s.start;
  while (s.end - start > max) {
    const window = raw.slice(start, start + max);
    let cut = -1;
    for (let k = window.length - 1; k >= max / 3; k--) {
      if ('，、；：,;:'.includes(window[k])) {
        cut = k + 1;
        break;
      }
    }
    if (cut < 0) cut = max;
    out.push({ text: raw.slice(start, start + cut), start, end: start + cut });
    start += cut;
  }
  out.push({ text: raw.slice(start, s.end), start, end: s.end });
  return out;
}

/**
 * Cuts every document into passages of a few hundred characters that never cross a heading and end at
 * sentence ends, consecutive passages sharing `overlapSentences` sentences. Chunk text is always
 * `doc.raw.slice(start, end)`.
 */
export function chunkCorpus(docs: CorpusDocument[], opts: ChunkOptions = {}): Chunk[] {
  const o = { ...DEFAULT_CHUNK_OPTIONS, ...opts };
  if (!(o.maxChars >= o.targetChars && o.targetChars > 0)) throw new RangeError('chunkCorpus: need 0 < targetChars <= maxChars');
  const skip = new Set(o.skipSections);
  const chunks: Chunk[] = [];
  for (const doc of docs) {
    let n = 0;
    for (const sec of sectionsOf(doc)) {
      if (sec.path.length > 0 && skip.has(sec.path[0])) continue;
      const body = doc.raw.slice(sec.start, sec.end);
      const sentences = splitSentences(body)
        .map((s) => ({ text: s.text, start: s.start + sec.start, end: s.end + sec.start }))
        .filter((s) => !/^#/.test(s.text))
        .flatMap((s) => cutLong(s, doc.raw, o.maxChars));
      let i = 0;
      while (i < sentences.length) {
        let j = i;
        while (
          j + 1 < sentences.length &&
          sentences[j].end - sentences[i].start < o.targetChars &&
          sentences[j + 1].end - sentences[i].start <= o.maxChars
        ) {
          j++;
        }
        const start = sentences[i].start;
        const end = sentences[j].end;
        chunks.push({
          id: `${doc.id}#${n++}`,
          docId: doc.id,
          source: doc.source,
          title: doc.title,
          section: sec.name,
          sectionPath: sec.path,
          text: doc.raw.slice(start, end),
          start,
          end,
        });
        if (j + 1 >= sentences.length) break;
        // Overlap only when the next chunk can still take a new sentence; else it would repeat old text.
        const next = Math.max(i + 1, j + 1 - o.overlapSentences);
        i = sentences[j + 1].end - sentences[next].start <= o.maxChars ? next : j + 1;
      }
    }
  }
  return chunks;
}
