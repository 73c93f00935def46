import MiniSearch, { type Options } from 'minisearch';

/** Most query terms whose fuzzy and prefix expansions are remembered (least recently used go first). */
export const DEFAULT_TERM_CACHE_SIZE = 20_000;

type Index = MiniSearch['_index'];
type FuzzyResults = ReturnType<Index['fuzzyGet']>;
type PrefixEntries = Array<[string, Parameters<Index['set']>[1]]>;

/** A Map that forgets its least recently used entry past `max`. */
function lru<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key: string, v: V): void {
      map.set(key, v);
      if (map.size > max) map.delete(map.keys().next().value as string);
    },
    clear: () => map.clear(),
    get size() {
      return map.size;
    },
  };
}

/**
 * MiniSearch that remembers, per query term, the index terms its fuzzy and prefix matching
 * expand to. Those walks of the term tree are most of a search's cost and give the same answer
 * for the same term until the documents change, so caching them leaves every score and every
 * ranking exactly as MiniSearch computes it (MiniSearch still does all the scoring). Adding,
 * removing or discarding a document empties the cache.
 *
 * @example
 * const mini = new TermCachingMiniSearch<Doc>({ fields: ['title', 'body'], searchOptions: { fuzzy: 0.2, prefix: true } });
 * mini.addAll(docs);
 * mini.search('refnd'); // the first search of "refnd" walks the tree; the next ones do not
 */
export class TermCachingMiniSearch<T = unknown> extends MiniSearch<T> {
  private readonly fuzzyCache;
  private readonly prefixCache;

  /**
   * @param options MiniSearch's options, unchanged.
   * @param maxTerms Query terms remembered at most. Default {@link DEFAULT_TERM_CACHE_SIZE}.
   */
  constructor(options: Options<T>, maxTerms = DEFAULT_TERM_CACHE_SIZE) {
    super(options);
    this.fuzzyCache = lru<FuzzyResults>(maxTerms);
    this.prefixCache = lru<PrefixEntries>(maxTerms);
    const index = this._index;
    const fuzzyGet = index.fuzzyGet.bind(index);
    const atPrefix = index.atPrefix.bind(index);
    // MiniSearch deletes entries from the fuzzy result it gets, so each caller gets its own copy.
    index.fuzzyGet = (term, maxDistance) => {
      const key = `${maxDistance}\u0000${term}`;
      let hit = this.fuzzyCache.get(key);
      if (!hit) this.fuzzyCache.set(key, (hit = fuzzyGet(term, maxDistance)));
      return new Map(hit);
    };
    // MiniSearch only iterates the prefix view, so a remembered list of its entries serves.
    index.atPrefix = ((prefix: string) => {
      let hit = this.prefixCache.get(prefix);
      if (!hit) this.prefixCache.set(prefix, (hit = [...atPrefix(prefix)]));
      return hit;
    }) as unknown as Index['atPrefix'];
  }

  /** Query terms currently remembered (fuzzy and prefix). */
  get cachedTerms(): { fuzzy: number; prefix: number } {
    return { fuzzy: this.fuzzyCache.size, prefix: this.prefixCache.size };
  }

  override add(document: T): void {
    this.clearTermCache();
    super.add(document);
  }

  override remove(document: T): void {
    this.clearTermCache();
    super.remove(document);
  }

  override discard(id: unknown): void {
    this.clearTermCache();
    super.discard(id);
  }

  private clearTermCache(): void {
    // Called from MiniSearch's constructor path too (before the caches exist).
    this.fuzzyCache?.clear();
    this.prefixCache?.clear();
  }
}
