// Types for the few `natural` submodules we import directly. Importing the package root would
// load dotenv (printing to stdout) and every classifier, costing ~0.8 s at start-up.
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer' {
  class AggressiveTokenizer {
    tokenize(text: string): string[];
  }
  export = AggressiveTokenizer;
}
