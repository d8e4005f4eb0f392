// Minimal types for the parts of wink-bm25-text-search the benchmark baseline uses (the package ships none).
declare module 'wink-bm25-text-search' {
  interface WinkBm25 {
    defineConfig(cfg: { fldWeights: Record<string, number>; bm25Params?: { k1?: number; b?: number; k?: number } }): boolean;
    definePrepTasks(tasks: Array<(input: string) => string[]>, field?: string): number;
    addDoc(doc: Record<string, string>, id: string | number): number;
    consolidate(fp?: number): boolean;
    search(text: string, limit?: number): Array<[string | number, number]>;
  }
  function bm25(): WinkBm25;
  export default bm25;
}
