/**
 * The value `compute` gives for `key`, remembered in `cache`, which is emptied once it holds more than `limit`
 * entries: the pure lookups of a question (a word's synonyms, a term's corpus frequency) recur across its parts
 * and follow-ups, and a long-running bot must not grow without bound.
 */
export function remember<K, V>(cache: Map<K, V>, key: K, limit: number, compute: (key: K) => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute(key);
  if (cache.size > limit) cache.clear();
  cache.set(key, value);
  return value;
}
