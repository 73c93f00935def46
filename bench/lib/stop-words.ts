/** natural's English stop words, for the out-of-scope experiments that tell content words from the rest. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- natural ships the list as CommonJS without types
export const STOP_WORDS: ReadonlySet<string> = new Set<string>(require('natural/lib/natural/util/stopwords').words);
