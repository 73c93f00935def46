// Bundles the browser code (src/web/*) with esbuild into dist/web/ and copies the demo pages
// beside it. Run by `npm run build` (so by `npm start`) and by the test suite's global setup.
//
// The bundle is skipped when none of its inputs changed: esbuild's metafile names every file a
// bundle read; their sha256, with esbuild's version and this script, is kept in
// dist/web/.inputs.json. A restart with nothing changed then costs a few hashes, not a bundle.
// `--force` bundles anyway.
import { build, version as esbuildVersion } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'web');
const stampFile = path.join(outdir, '.inputs.json');
mkdirSync(outdir, { recursive: true });

const entries = [
  { in: 'src/web/widget/index.ts', out: 'widget' },
  // The agent console: console.js and its stylesheet console.css (served by /console).
  { in: 'src/web/console/index.ts', out: 'console' },
  { in: 'src/web/console/console.css', out: 'console' },
].filter((e) => existsSync(path.join(root, e.in)));
const outputs = entries.map((e) => path.join(outdir, e.out + path.extname(e.in).replace('.ts', '.js')));

/** sha256 of a file's bytes, or 'missing'. */
function fileHash(rel) {
  const abs = path.join(root, rel);
  return existsSync(abs) ? createHash('sha256').update(readFileSync(abs)).digest('hex') : 'missing';
}

/** What the bundle depends on besides its input files. */
const recipe = JSON.stringify({ esbuild: esbuildVersion, script: fileHash('scripts/build-web.mjs'), entries });

function upToDate() {
  if (process.argv.includes('--force') || !existsSync(stampFile) || !outputs.every((o) => existsSync(o))) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.recipe !== recipe) return false;
    return Object.entries(stamp.inputs).every(([rel, hash]) => fileHash(rel) === hash);
  } catch {
    return false;
  }
}

if (entries.length > 0 && !upToDate()) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    tsconfig: 'src/web/tsconfig.json',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  const inputs = {};
  for (const rel of Object.keys(result.metafile.inputs).sort()) inputs[rel] = fileHash(rel);
  // The tsconfig steers the build too, though esbuild does not list it as an input.
  inputs['src/web/tsconfig.json'] = fileHash('src/web/tsconfig.json');
  writeFileSync(stampFile, JSON.stringify({ recipe, inputs }, null, 1));
}

// The demo shop pages are static HTML; the server fills in the brand name when serving them.
const demoSrc = path.join(root, 'src', 'web', 'demo');
if (existsSync(demoSrc)) {
  const demoOut = path.join(outdir, 'demo');
  mkdirSync(demoOut, { recursive: true });
  for (const name of readdirSync(demoSrc)) {
    if (name.endsWith('.html')) copyFileSync(path.join(demoSrc, name), path.join(demoOut, name));
  }
}
