import MiniSearch, { type Options } from 'minisearch';

/** Most query terms whose fuzzy and prefix expansions are remembered (least recently used go first). */
export const DEFAULT_TERM_CACHE_SIZE = 20_000;

type Index = MiniSearch['_index'];
type FuzzyResults = ReturnType<Index['fuzzyGet']>;
type PrefixEntries = Array<[string, Parameters<Index['set']>[1]]>;

/** Most (document, field) matches remembered over all query terms' scores (see `scoreCache`). */
export const DEFAULT_SCORE_CACHE_MATCHES = 200_000;

/**
 * One (document, field) match of a query term before the document's boost. MiniSearch scores it
 * `termWeight * termBoost * fieldBoost * docBoost * bm25`, evaluated left to right; `weight` is
 * the product up to `fieldBoost`, so `weight * docBoost * raw` is the very same number.
 */
interface Match {
  docId: number;
  field: string;
  derived: string;
  weight: number;
  raw: number;
}

/** What MiniSearch hands its (private) query-term scorer; the shapes of minisearch 7. */
interface QuerySpec {
  term: string;
  fuzzy: boolean | number;
  prefix: boolean;
  termBoost: number;
}
type BoostDocument = (id: unknown, term: string, stored?: Record<string, unknown>) => number;
interface SpecOptions {
  fields?: string[];
  boost?: unknown;
  weights?: unknown;
  maxFuzzy?: number;
  bm25?: { k: number; b: number; d: number };
  boostDocument?: BoostDocument;
}
type DocResult = { score: number; terms: string[]; match: Record<string, string[]> };
interface Scorer {
  executeQuerySpec(query: QuerySpec, options: SpecOptions): Map<number, DocResult>;
  termResults(
    sourceTerm: string,
    derivedTerm: string,
    termWeight: number,
    termBoost: number,
    fieldTermData: Map<number, Map<number, number>> | undefined,
    fieldBoosts: Record<string, number>,
    boostDocumentFn: BoostDocument | undefined,
    bm25params: { k: number; b: number; d: number },
    results?: Map<number, DocResult>,
  ): Map<number, DocResult>;
}

/** MiniSearch's BM25+ (calcBM25Score in minisearch 7), the same expression. */
function bm25(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number, p: { k: number; b: number; d: number }): number {
  const { k, b, d } = p;
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}

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
  /** Per query term (and its fuzzy/prefix/boost settings): its matches in order, or null: not cacheable. */
  private readonly scoreCache = new Map<string, Match[] | null>();
  private scoreCacheMatches = 0;
  private readonly maxScoreMatches: number;

  /**
   * @param options MiniSearch's options, unchanged.
   * @param maxTerms Query terms remembered at most. Default {@link DEFAULT_TERM_CACHE_SIZE}.
   * @param maxScoreMatches (Document, field) matches of query terms remembered with their BM25
   *   scores, over all terms. Default {@link DEFAULT_SCORE_CACHE_MATCHES}.
   */
  constructor(options: Options<T>, maxTerms = DEFAULT_TERM_CACHE_SIZE, maxScoreMatches = DEFAULT_SCORE_CACHE_MATCHES) {
    super(options);
    this.maxScoreMatches = maxScoreMatches;
    this.cacheScores();
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

  /**
   * Remembers, per query term, the (document, field) matches MiniSearch scored and their BM25
   * scores, in the order it scored them, and replays them for the next search of that term:
   * the document boost (which differs per search) is applied at replay, with the same products
   * in the same order, so each score is bit-for-bit what MiniSearch computes (the knowledge
   * tests compare every shipped query against a plain MiniSearch). Only the settings the index
   * was built with are cached; a search that overrides fields, boosts, weights or BM25 runs as is.
   */
  private cacheScores(): void {
    const scorer = this as unknown as Scorer;
    const execute = scorer.executeQuerySpec.bind(this);
    const termResults = scorer.termResults.bind(this);
    let recording: Match[] | null | undefined;

    scorer.termResults = (sourceTerm, derivedTerm, termWeight, termBoost, fieldTermData, fieldBoosts, boostDocumentFn, bm25params, results) => {
      if (recording && fieldTermData != null) {
        for (const field of Object.keys(fieldBoosts)) {
          const fieldBoost = fieldBoosts[field]!;
          const fieldId = this._fieldIds[field]!;
          const freqs = fieldTermData.get(fieldId);
          if (freqs == null) continue;
          const avg = this._avgFieldLength[fieldId]!;
          for (const docId of freqs.keys()) {
            // A discarded document not yet swept from the index: leave this term to MiniSearch.
            if (!this._documentIds.has(docId)) {
              recording = null;
              break;
            }
            const raw = bm25(freqs.get(docId)!, freqs.size, this._documentCount, this._fieldLength.get(docId)![fieldId]!, avg, bm25params);
            recording.push({ docId, field, derived: derivedTerm, weight: termWeight * termBoost * fieldBoost, raw });
          }
          if (!recording) break;
        }
      }
      return termResults(sourceTerm, derivedTerm, termWeight, termBoost, fieldTermData, fieldBoosts, boostDocumentFn, bm25params, results);
    };

    const base = this._options.searchOptions as SpecOptions;
    scorer.executeQuerySpec = (query, options) => {
      const standard =
        (options.fields === undefined || options.fields === base.fields) &&
        options.boost === base.boost &&
        options.weights === base.weights &&
        options.maxFuzzy === base.maxFuzzy &&
        options.bm25 === base.bm25;
      if (!standard) return execute(query, options);
      const key = `${query.fuzzy}\u0000${query.prefix}\u0000${query.termBoost}\u0000${query.term}`;
      const known = this.scoreCache.get(key);
      if (known === null) return execute(query, options);
      if (known === undefined) {
        recording = [];
        let results: Map<number, DocResult>;
        try {
          results = execute(query, options);
        } finally {
          this.rememberScores(key, recording);
          recording = undefined;
        }
        return results;
      }
      // Least recently used goes first.
      this.scoreCache.delete(key);
      this.scoreCache.set(key, known);
      return this.replay(query.term, known, options.boostDocument);
    };
  }

  /** termResults' accumulation over remembered matches (minisearch 7's, step for step). */
  private replay(sourceTerm: string, matches: Match[], boostDocument: BoostDocument | undefined): Map<number, DocResult> {
    const results = new Map<number, DocResult>();
    for (const m of matches) {
      const docBoost = boostDocument ? boostDocument(this._documentIds.get(m.docId), m.derived, this._storedFields.get(m.docId)) : 1;
      if (!docBoost) continue;
      const weightedScore = m.weight * docBoost * m.raw;
      const result = results.get(m.docId);
      if (result) {
        result.score += weightedScore;
        if (!result.terms.includes(sourceTerm)) result.terms.push(sourceTerm);
        const match = Object.prototype.hasOwnProperty.call(result.match, m.derived) ? result.match[m.derived] : undefined;
        if (match) match.push(m.field);
        else result.match[m.derived] = [m.field];
      } else {
        results.set(m.docId, { score: weightedScore, terms: [sourceTerm], match: { [m.derived]: [m.field] } });
      }
    }
    return results;
  }

  private rememberScores(key: string, matches: Match[] | null): void {
    // A term matching more than a tenth of the budget (a very short prefix) is not kept.
    const kept = matches && matches.length <= this.maxScoreMatches / 10 ? matches : null;
    this.scoreCache.set(key, kept);
    this.scoreCacheMatches += kept?.length ?? 0;
    for (const [k, v] of this.scoreCache) {
      if (this.scoreCacheMatches <= this.maxScoreMatches && this.scoreCache.size <= DEFAULT_TERM_CACHE_SIZE) break;
      this.scoreCache.delete(k);
      this.scoreCacheMatches -= v?.length ?? 0;
    }
  }

  /** Query terms currently remembered (fuzzy and prefix expansions, and scored matches). */
  get cachedTerms(): { fuzzy: number; prefix: number } {
    return { fuzzy: this.fuzzyCache.size, prefix: this.prefixCache.size };
  }

  /** Query terms whose scored matches are remembered, and how many matches that is. */
  get cachedScores(): { terms: number; matches: number } {
    return { terms: this.scoreCache.size, matches: this.scoreCacheMatches };
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
    this.scoreCache?.clear();
    this.scoreCacheMatches = 0;
  }
}
