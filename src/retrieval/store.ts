import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Chunk, CorpusDocument } from '../corpus/schema';
import { Bm25 } from './bm25';
import { Bridge, BRIDGE_VERSION, buildBridge, serializeBridge } from './bridge';
import { readCedict } from './cedict';
import { LsaEmbedder } from './embedders/lsa';
import { HybridRetriever, indexText, type HybridParams } from './hybrid';
import { tokenize, tokenizerFingerprint } from './tokenize';
import { isFittable, type Embedder } from './types';
import { VectorIndex } from './vector';

/**
 * On-disk index layout (default `index/`, git-ignored):
 *
 *   index/manifest.json      which build is current, what it was built from, sha256 of every file
 *   index/b-<id>/bm25.json   lexical postings
 *   index/b-<id>/hnsw.bin    hnswlib graph (cosine)
 *   index/b-<id>/lsa.*       the LSA model (local embedder only)
 *   index/b-<id>/bridge.tsv  English → corpus-term dictionary bridge (from CC-CEDICT, see bridge.ts)
 *
 * A build is written into a fresh `b-<id>/` directory and then published by atomically renaming a
 * new manifest over the old one, so a concurrent reader sees either the old or the new build,
 * never half-written files. Every file is hash-checked before it is parsed (hnswlib's native
 * reader must never see a truncated file).
 */
export const RETRIEVAL_VERSION = `retrieval-v5+${BRIDGE_VERSION}`;

const ManifestSchema = z.object({
  retrievalVersion: z.string(),
  key: z.string(),
  corpusHash: z.string(),
  chunkerVersion: z.string(),
  tokenizerVersion: z.string(),
  embedderId: z.string(),
  dim: z.number().int().positive(),
  chunkCount: z.number().int().nonnegative(),
  chunksHash: z.string(),
  build: z.string().regex(/^b-[\w-]+$/),
  files: z.record(z.string(), z.string()),
  builtAt: z.string(),
});
type Manifest = z.infer<typeof ManifestSchema>;

export type LogFn = (message: string, level: 'info' | 'warn') => void;

export interface OpenIndexOptions {
  docs: CorpusDocument[];
  chunks: Chunk[];
  corpusDir: string;
  /** Fingerprint of the documents users added (corpus/added.ts); undefined when there are none. */
  addedHash?: string;
  chunkerVersion: string;
  indexDir: string;
  embedder: Embedder;
  log?: LogFn;
  /** Rebuild even when a valid index exists (`npm run index`). */
  force?: boolean;
  params?: Partial<HybridParams>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Hash of every regular file in the corpus directory (names and bytes), in name order. */
export function hashCorpusDir(corpusDir: string): string {
  const h = createHash('sha256');
  for (const name of readdirSync(corpusDir).sort()) {
    const p = join(corpusDir, name);
    if (!statSync(p).isFile()) continue;
    h.update(name).update('\0').update(readFileSync(p)).update('\0');
  }
  return h.digest('hex');
}

function hashChunks(chunks: Chunk[]): string {
  return sha256(chunks.map((c) => `${c.id}\t${c.source}\t${c.start}\t${c.end}`).join('\n'));
}

function buildKey(corpusHash: string, chunkerVersion: string, embedderId: string): string {
  return sha256([RETRIEVAL_VERSION, corpusHash, chunkerVersion, tokenizerFingerprint(), embedderId].join('|'));
}

/** Loads the index from `indexDir` when it is present, current and intact; otherwise builds it. */
export async function openIndex(opts: OpenIndexOptions): Promise<HybridRetriever> {
  const log: LogFn = opts.log ?? (() => {});
  // Added documents live outside corpusDir: their fingerprint joins the key, so adding or removing
  // one makes the index stale in every process; without any the hash is the shipped corpus's alone.
  const corpusHash = opts.addedHash ? sha256(`${hashCorpusDir(opts.corpusDir)}+${opts.addedHash}`) : hashCorpusDir(opts.corpusDir);
  const key = buildKey(corpusHash, opts.chunkerVersion, opts.embedder.id);
  if (!opts.force) {
    const loaded = tryLoad(opts, key);
    if (loaded instanceof HybridRetriever) return loaded;
    log(`search index ${loaded}; rebuilding it in ${opts.indexDir}`, loaded === 'not built yet' ? 'info' : 'warn');
  }
  try {
    return await build(opts, corpusHash, key, log);
  } catch (e) {
    // A remote embedder (OpenAI) can be down, unreachable or lack an embeddings endpoint: answer
    // with the local embedder rather than not at all.
    if (isFittable(opts.embedder)) throw e;
    log(`embeddings from ${opts.embedder.id} failed (${e instanceof Error ? e.message : String(e)}); using the local LSA embedder instead`, 'warn');
    return openIndex({ ...opts, embedder: new LsaEmbedder() });
  }
}

function tryLoad(opts: OpenIndexOptions, key: string): HybridRetriever | string {
  const manifestPath = join(opts.indexDir, 'manifest.json');
  if (!existsSync(manifestPath)) return 'not built yet';
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch {
    return 'manifest is unreadable';
  }
  if (manifest.retrievalVersion !== RETRIEVAL_VERSION) return `was built by ${manifest.retrievalVersion}`;
  if (manifest.embedderId !== opts.embedder.id) return `was built with embedder ${manifest.embedderId}, now ${opts.embedder.id}`;
  if (manifest.key !== key) return 'is stale (corpus, chunker or tokenizer changed)';
  if (manifest.chunkCount !== opts.chunks.length || manifest.chunksHash !== hashChunks(opts.chunks)) return 'does not match the chunks';
  const dir = join(opts.indexDir, manifest.build);
  try {
    for (const [name, hash] of Object.entries(manifest.files)) {
      const p = join(dir, name);
      if (!existsSync(p)) return `is missing ${name}`;
      if (sha256(readFileSync(p)) !== hash) return `file ${name} is corrupt`;
    }
    const bm25 = Bm25.fromJSON(JSON.parse(readFileSync(join(dir, 'bm25.json'), 'utf8')));
    if (bm25.size !== opts.chunks.length) return 'lexical index does not match the chunks';
    const vectors = VectorIndex.read(join(dir, 'hnsw.bin'), manifest.dim, opts.chunks.length);
    if (isFittable(opts.embedder)) opts.embedder.load(dir);
    const bridge = Bridge.parse(readFileSync(join(dir, 'bridge.tsv'), 'utf8'));
    return new HybridRetriever(opts.docs, opts.chunks, bm25, vectors, opts.embedder, 'loaded', opts.params, opts.log, bridge);
  } catch (e) {
    return `is unreadable (${e instanceof Error ? e.message : String(e)})`;
  }
}

async function build(opts: OpenIndexOptions, corpusHash: string, key: string, log: LogFn): Promise<HybridRetriever> {
  const texts = opts.chunks.map(indexText);
  const bm25 = Bm25.build(texts.map(tokenize));
  if (isFittable(opts.embedder)) opts.embedder.fit(texts);
  const vecs = await opts.embedder.embedDocuments(texts);
  const dim = vecs[0]?.length ?? opts.embedder.dim;
  const vectors = VectorIndex.build(vecs, dim);
  const bridgeData = makeBridge(opts.chunks.map((c) => c.text), log);
  const bridge = new Bridge(bridgeData);
  const retriever = new HybridRetriever(opts.docs, opts.chunks, bm25, vectors, opts.embedder, 'built', opts.params, log, bridge);
  try {
    persist(opts, { bm25, vectors, corpusHash, key, dim, bridgeText: serializeBridge(bridgeData) });
  } catch (e) {
    // A read-only or full disk must not stop answering: keep the in-memory index.
    log(`could not save the search index to ${opts.indexDir} (${e instanceof Error ? e.message : String(e)}); using it from memory`, 'warn');
  }
  return retriever;
}

/** The dictionary bridge for these passages; without the dictionary, an empty one (glossary only). */
function makeBridge(texts: string[], log: LogFn) {
  const corpus = texts.join('\n').normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  try {
    return buildBridge(corpus, readCedict());
  } catch (e) {
    log(`English→Chinese dictionary unavailable (${e instanceof Error ? e.message : String(e)}); English questions use the glossary only`, 'warn');
    return { version: BRIDGE_VERSION, en: {}, part: {}, zh: {} };
  }
}

function persist(
  opts: OpenIndexOptions,
  b: { bm25: Bm25; vectors: VectorIndex; corpusHash: string; key: string; dim: number; bridgeText: string },
): void {
  mkdirSync(opts.indexDir, { recursive: true });
  const build = `b-${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const tmpDir = join(opts.indexDir, `.tmp-${build}`);
  mkdirSync(tmpDir);
  try {
    writeFileSync(join(tmpDir, 'bm25.json'), JSON.stringify(b.bm25.toJSON()));
    b.vectors.write(join(tmpDir, 'hnsw.bin'));
    writeFileSync(join(tmpDir, 'bridge.tsv'), b.bridgeText);
    const names = ['bm25.json', 'hnsw.bin', 'bridge.tsv'];
    if (isFittable(opts.embedder)) names.push(...opts.embedder.save(tmpDir));
    const files: Record<string, string> = {};
    for (const n of names) files[n] = sha256(readFileSync(join(tmpDir, n)));
    renameSync(tmpDir, join(opts.indexDir, build));
    const manifest: Manifest = {
      retrievalVersion: RETRIEVAL_VERSION,
      key: b.key,
      corpusHash: b.corpusHash,
      chunkerVersion: opts.chunkerVersion,
      tokenizerVersion: tokenizerFingerprint(),
      embedderId: opts.embedder.id,
      dim: b.dim,
      chunkCount: opts.chunks.length,
      chunksHash: hashChunks(opts.chunks),
      build,
      files,
      builtAt: new Date().toISOString(),
    };
    const tmpManifest = join(opts.indexDir, `.manifest-${build}.json`);
    writeFileSync(tmpManifest, JSON.stringify(manifest, null, 2));
    renameSync(tmpManifest, join(opts.indexDir, 'manifest.json'));
  } catch (e) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw e;
  }
  removeOldBuilds(opts.indexDir, build);
}

/** Deletes builds other than `keep` once they are a minute old (a reader may still be opening one). */
function removeOldBuilds(indexDir: string, keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(indexDir)) {
    if (name === keep || !/^(b-|\.tmp-b-|\.manifest-b-)/.test(name)) continue;
    const p = join(indexDir, name);
    try {
      if (now - statSync(p).mtimeMs > 60_000) rmSync(p, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
