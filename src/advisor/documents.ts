import type { Chunk, CorpusDocument } from '../corpus/schema';
import type { Hit } from '../retrieval/types';
import { matchText } from './stats';
import { coverage, type Concept } from './terms';
import { splitSentences } from '../corpus/sentences';

/**
 * Whole-corpus look-ups the retriever's top hits can miss: the passage that defines a question's
 * subject, and the best passage of each paper a question names. The corpus is a few hundred
 * chunks, so a scan costs well under a millisecond.
 */
/** Share of a wording's passages one paper must hold for the wording to name that paper. */
export const TOPIC_SHARE = 0.6;

export class CorpusScan {
  private readonly norms: string[];
  private readonly titleNorms: Map<string, string>;
  /** Each paper's section headings (matchText form). */
  private readonly headingNorms: Map<string, string>;
  private readonly textNorms: string[];

  constructor(
    private readonly chunks: Chunk[],
    docs: CorpusDocument[],
  ) {
    this.norms = chunks.map((c) => matchText(`${c.title}\n${c.section}\n${c.text}`));
    this.textNorms = chunks.map((c) => matchText(c.text));
    this.titleNorms = new Map(docs.map((d) => [d.id, matchText(`${d.title}\n${d.titleEn ?? ''}`)]));
    this.headingNorms = new Map(docs.map((d) => [d.id, matchText([...new Set(chunks.filter((c) => c.docId === d.id).flatMap((c) => c.sectionPath))].join('\n'))]));
  }

  /**
   * Chunks holding a sentence that defines one of `subjects` (Chinese terms), best first (see
   * definitionPatterns); ties go to the order of `preferred` (the retriever's ranking). At most `max`.
   */
  definitions(subjects: string[], preferred: Chunk[] = [], max = 2): Chunk[] {
    const patterns = definitionPatterns(subjects);
    if (!patterns.length) return [];
    const order = (c: Chunk) => {
      const i = preferred.indexOf(c);
      return i < 0 ? preferred.length : i;
    };
    const found: Array<{ chunk: Chunk; rank: number }> = [];
    for (const chunk of this.chunks) {
      const text = compactZh(chunk.text);
      const rank = patterns.findIndex((p) => p.test(text));
      if (rank >= 0) found.push({ chunk, rank });
    }
    return found
      .sort((a, b) => a.rank - b.rank || order(a.chunk) - order(b.chunk))
      .slice(0, max)
      .map((f) => f.chunk);
  }

  /**
   * The papers a question names by their topics: a question concept found in the paper's title
   * (新亚欧大陆桥 → 002) or one the paper all but owns — at least three of its passages and
   * TOPIC_SHARE of all passages using it (反向飞地 → 003, 金磐开发区 → 004). Words in most titles
   * or spread over the papers (飞地) name none. Document ids, in the order the question names them.
   * `owners` false: titles only (a question not asking about several papers).
   */
  namedDocs(concepts: Concept[], owners = true): string[] {
    const out: string[] = [];
    const titles = [...this.titleNorms.entries()];
    for (const c of concepts) {
      if (c.kind === 'num') continue;
      const alts = this.namingAlts(c);
      let hits = titles.filter(([, t]) => alts.some((a) => t.includes(a))).map(([id]) => id);
      if (hits.length > 2) continue;
      if (!hits.length && owners) hits = this.ownerOf(alts);
      for (const id of hits) if (!out.includes(id)) out.push(id);
    }
    return out;
  }

  /** The wordings a concept names a paper by: a word the papers use names by itself, not through its everyday synonyms (反向飞地, not 外地). */
  private namingAlts(c: Concept): string[] {
    const own = matchText(c.label);
    return c.kind === 'zh' && this.textNorms.some((t) => t.includes(own)) ? [own] : c.alts.filter((a) => a.length >= 2 && /[\u3400-\u9fff]/.test(a));
  }

  /** The paper that all but owns a wording (see namedDocs), as a one-element list, or none. */
  private ownerOf(alts: string[]): string[] {
    const perDoc = new Map<string, number>();
    let total = 0;
    this.textNorms.forEach((t, i) => {
      if (!alts.some((a) => t.includes(a))) return;
      total++;
      const d = this.chunks[i]!.docId;
      perDoc.set(d, (perDoc.get(d) ?? 0) + 1);
    });
    for (const [d, n] of perDoc) if (n >= 3 && n >= TOPIC_SHARE * total) return [d];
    return [];
  }

  /**
   * The paper a phrase naming one refers to (26县 → the 26-counties paper, land bridge → the land
   * bridge paper): the one whose title (twice the weight), section headings and owned wordings hold
   * most of the phrase's concepts; undefined when none does or two tie.
   */
  referencedDoc(concepts: Concept[]): string | undefined {
    const score = new Map<string, number>();
    for (const c of concepts) {
      if (c.kind === 'num' && !/\d/.test(c.label)) continue;
      // English wordings count too: they are matched against the papers' English titles.
      const alts = [...this.namingAlts(c), ...c.alts.filter((a) => (a.length >= 3 && /^[a-z0-9]+$/.test(a)) || (a.length >= 2 && /^\d+$/.test(a)))];
      for (const [id, title] of this.titleNorms) {
        const inTitle = alts.some((a) => title.includes(a));
        const inHeadings = alts.some((a) => this.headingNorms.get(id)?.includes(a));
        const add = inTitle ? 2 : inHeadings ? 1 : 0;
        if (add) score.set(id, (score.get(id) ?? 0) + add * c.weight * c.idf);
      }
      for (const id of this.ownerOf(alts)) score.set(id, (score.get(id) ?? 0) + c.weight * c.idf);
    }
    const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
    if (!ranked.length || (ranked[1] && ranked[1][1] >= ranked[0]![1])) return undefined;
    return ranked[0]![0];
  }

  /** Every chunk naming each of the entities (any of its wordings), in corpus order: 衢州 wherever a paper mentions it. */
  naming(entities: Concept[]): Chunk[] {
    if (!entities.length) return [];
    return this.chunks.filter((_, i) => entities.every((e) => e.alts.some((a) => a.length >= 2 && this.textNorms[i]!.includes(a))));
  }

  docIds(): string[] {
    return [...this.titleNorms.keys()];
  }

  /**
   * The chunk of `docId` holding the sentence that covers most of the question's concepts among those
   * that `holds` accepts (a figure of the kind asked, beside the subject): where each paper states the
   * figure, for a question on what several papers say of it (山海协作 began in 2001 in one, 2002 in another).
   */
  bestSentenceOfDoc(docId: string, concepts: Concept[], holds: (sentenceNorm: string) => boolean): { chunk: Chunk; coverage: number } | undefined {
    let best: { chunk: Chunk; coverage: number } | undefined;
    this.chunks.forEach((chunk, i) => {
      if (chunk.docId !== docId) return;
      for (const s of splitSentences(chunk.text)) {
        const norm = matchText(s.text);
        if (!holds(norm)) continue;
        const cov = coverage(concepts, norm);
        if (!best || cov > best.coverage) best = { chunk, coverage: cov };
      }
    });
    return best;
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

/** Text as the definition patterns read it: NFKC, no spaces or tabs (line breaks kept as sentence ends). */
export function compactZh(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[ \t]+/g, '');
}

/**
 * Patterns of a sentence defining one of `subjects`, strongest first: the term opening a sentence
 * with 是指/指/即/定义为/是一种 (产业飞地是指…, 园区合作指…, 飞地原是指…); the same after a short
 * lead-in, 所谓X, 对X的定义为; the term followed within the clause by 就是指/是指; and the looser
 * X是…的… opening a sentence.
 */
export function definitionPatterns(subjects: string[]): RegExp[] {
  const terms = [...new Set(subjects.filter((t) => t.length >= 2))].sort((a, b) => b.length - a.length);
  if (!terms.length) return [];
  // The term, quoted or not, perhaps with its expansion in brackets: BOT(build-operate-transfer)是…
  const x = `["“]?(?:${terms.map(escape).join('|')})["”]?(?:模式|概念)?(?:[(（][^)）]{1,40}[)）])?`;
  const start = '(?:^|[。；！？\\n])';
  const verb = '(?:是指|指的是|就是指|即是|定义为|被定义为|指(?![数标出导向南引挥明示])|是一种)';
  return [
    new RegExp(`${start}(?:所谓)?${x}[^。；！？\\n，]{0,2}?${verb}`),
    new RegExp(`${start}[^。；！？\\n，]{1,6}?${x}[^。；！？\\n，]{0,2}?${verb}|所谓${x}|(?:对|将)${x}的(?:定义|界定)(?:为|是)`),
    new RegExp(`${x}[^。；！？\\n]{0,24}?(?:就是指|是指|指的是)`),
    // (“飞地接力”模式正是…提出的一种…路径: 正是/就是 is the same copula)
    new RegExp(`${start}${x}(?:是|，是|正是|就是)[^。；！？\\n]{1,60}?的`),
  ];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Hits for chunks found by a scan, scored like the list they join (at `score`), without duplicates of `hits`. */
export function asHits(chunks: Chunk[], hits: Hit[], score: number): Hit[] {
  const have = new Set(hits.map((h) => `${h.chunk.docId}:${h.chunk.start}`));
  return chunks.filter((c) => !have.has(`${c.docId}:${c.start}`)).map((chunk) => ({ chunk, score }));
}
