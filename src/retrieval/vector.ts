import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 200;
// Fixed seed: the same vectors give the same graph, so builds are reproducible.
const HNSW_SEED = 100;
// ef at query time; with a few hundred points this makes the search practically exact.
const DEFAULT_EF = 128;

export interface VectorResult {
  label: number;
  /** Cosine similarity, 1 − hnswlib's cosine distance. */
  similarity: number;
}

/** Approximate nearest-neighbour search over unit vectors (hnswlib, cosine space). */
export class VectorIndex {
  private constructor(
    private readonly index: Hnsw,
    readonly dim: number,
  ) {}

  static build(vectors: Float32Array[], dim: number): VectorIndex {
    const index = new HierarchicalNSW('cosine', dim);
    index.initIndex(Math.max(1, vectors.length), HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_SEED);
    vectors.forEach((v, label) => {
      if (v.length !== dim) throw new Error(`vector ${label} has ${v.length} dimensions, expected ${dim}`);
      index.addPoint(Array.from(v), label);
    });
    index.setEf(DEFAULT_EF);
    return new VectorIndex(index, dim);
  }

  /** Reads an index written by `write`; `expectedCount` guards against a file from another build. */
  static read(file: string, dim: number, expectedCount: number): VectorIndex {
    const index = new HierarchicalNSW('cosine', dim);
    index.readIndexSync(file);
    // readIndex does not restore ef: without this, searches run with ef = 10 and lose recall.
    index.setEf(DEFAULT_EF);
    if (index.getCurrentCount() !== expectedCount || index.getNumDimensions() !== dim) {
      throw new Error(`vector index holds ${index.getCurrentCount()}×${index.getNumDimensions()}, expected ${expectedCount}×${dim}`);
    }
    return new VectorIndex(index, dim);
  }

  write(file: string): void {
    this.index.writeIndexSync(file);
  }

  get size(): number {
    return this.index.getCurrentCount();
  }

  search(query: Float32Array, k: number): VectorResult[] {
    const n = Math.min(k, this.size);
    if (n <= 0) return [];
    if (this.index.getEf() < n) this.index.setEf(n);
    const { neighbors, distances } = this.index.searchKnn(Array.from(query), n);
    return neighbors.map((label, i) => ({ label, similarity: 1 - distances[i] }));
  }
}
