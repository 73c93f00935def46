// Bundles the browser code (src/web/*) with esbuild into dist/web/ and copies the demo pages
// beside it. Run by `npm run build` and by the test suite's global setup, so the server always
// serves a fresh widget.js.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'web');
mkdirSync(outdir, { recursive: true });

const entries = [
  { in: 'src/web/widget/index.ts', out: 'widget' },
  // The agent console: console.js and its stylesheet console.css (served by /console).
  { in: 'src/web/console/index.ts', out: 'console' },
  { in: 'src/web/console/console.css', out: 'console' },
].filter((e) => existsSync(path.join(root, e.in)));

if (entries.length > 0) {
  await build({
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
  });
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
