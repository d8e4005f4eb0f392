import type { Chunk, CorpusDocument } from '../corpus/schema';
import type { Hit } from '../retrieval/types';
import { matchText } from './stats';
import { coverage, type Concept } from './terms';

/**
 * Whole-corpus look-ups the retriever's top hits can miss: the passage that defines a question's
 * subject, and the best passage of each paper a question names. The corpus is a few hundred
 * chunks, so a scan costs well under a millisecond.
 */
export class CorpusScan {
  private readonly norms: string[];
  private readonly titleNorms: Map<string, string>;

  constructor(
    private readonly chunks: Chunk[],
    docs: CorpusDocument[],
  ) {
    this.norms = chunks.map((c) => matchText(`${c.title}\n${c.section}\n${c.text}`));
    this.titleNorms = new Map(docs.map((d) => [d.id, matchText(`${d.title}\n${d.titleEn ?? ''}`)]));
  }

  /**
   * Chunks holding a sentence that defines one of `subjects` (Chinese terms): X是指…, X指…, 所谓X…,
   * 对X的定义为…, X是…的…(at the start of a sentence). Best first: an explicit 是指/指/定义 before a
   * looser X是…的…; at most `max`.
   */
  definitions(subjects: string[], max = 2): Chunk[] {
    const terms = [...new Set(subjects.filter((t) => t.length >= 2))].sort((a, b) => b.length - a.length);
    if (!terms.length) return [];
    const alt = terms.map(escape).join('|');
    const strict = new RegExp(
      `(?:^|[。；！？\\n])[^。；！？\\n，]{0,4}?(?:所谓)?["“]?(?:${alt})["”]?(?:模式|概念)?[^。；！？\\n，]{0,2}?(?:是指|指的是|就是指|即是|定义为|被定义为|指(?![数标出导向南引挥明示])|是一种)|所谓["“]?(?:${alt})|(?:对|将)["“]?(?:${alt})["”]?的(?:定义|界定)(?:为|是)`,
    );
    const loose = new RegExp(`(?:^|[。；！？\\n])["“]?(?:${alt})["”]?(?:模式)?(?:是|，是)[^。；！？\\n]{4,80}?的[^。；！？\\n]{0,20}?(?:[。；]|$)`);
    const found: Array<{ chunk: Chunk; rank: number }> = [];
    this.chunks.forEach((chunk) => {
      const text = chunk.text.normalize('NFKC').replace(/[ \t]+/g, '');
      if (strict.test(text)) found.push({ chunk, rank: 0 });
      else if (loose.test(text)) found.push({ chunk, rank: 1 });
    });
    return found
      .sort((a, b) => a.rank - b.rank || a.chunk.start - b.chunk.start)
      .slice(0, max)
      .map((f) => f.chunk);
  }

  /**
   * The papers a question names by their topics: a question concept found in the paper's title
   * (反向飞地 → 003, 新亚欧大陆桥 → 002), skipping words in most titles (飞地). Document ids, in
   * the order the question names them.
   */
  namedDocs(concepts: Concept[]): string[] {
    const out: string[] = [];
    const titles = [...this.titleNorms.entries()];
    for (const c of concepts) {
      if (c.kind === 'num') continue;
      const alts = c.alts.filter((a) => a.length >= 2 && /[\u3400-\u9fff]/.test(a));
      const hits = titles.filter(([, t]) => alts.some((a) => t.includes(a))).map(([id]) => id);
      if (!hits.length || hits.length > 2) continue;
      for (const id of hits) if (!out.includes(id)) out.push(id);
    }
    return out;
  }

  docIds(): string[] {
    return [...this.titleNorms.keys()];
  }

  /** The chunk of `docId` that covers most of the question's concepts (its index in the chunk list). */
  bestOfDoc(docId: string, concepts: Concept[]): { chunk: Chunk; coverage: number } | undefined {
    let best: { chunk: Chunk; coverage: number } | undefined;
    this.chunks.forEach((chunk, i) => {
      if (chunk.docId !== docId) return;
      const cov = coverage(concepts, this.norms[i]!);
      if (!best || cov > best.coverage) best = { chunk, coverage: cov };
    });
    return best;
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Hits for chunks found by a scan, scored like the list they join (at `score`), without duplicates of `hits`. */
export function asHits(chunks: Chunk[], hits: Hit[], score: number): Hit[] {
  const have = new Set(hits.map((h) => `${h.chunk.docId}:${h.chunk.start}`));
  return chunks.filter((c) => !have.has(`${c.docId}:${c.start}`)).map((chunk) => ({ chunk, score }));
}
