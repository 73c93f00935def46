// Prints the widget bundle's raw and gzipped size (the budget is 30 KB gzipped).
// Usage: node scripts/widget-size.mjs  (builds first when dist/web/widget.js is missing)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'dist', 'web', 'widget.js');
if (!existsSync(file)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build-web.mjs')], { stdio: 'inherit' });

const BUDGET = 30 * 1024;
const raw = readFileSync(file);
const gz = gzipSync(raw, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`dist/web/widget.js  raw ${kb(raw.length)} (${raw.length} B)  gzip ${kb(gz)} (${gz} B)  budget ${kb(BUDGET)} gzip`);
if (gz > BUDGET) {
  console.error('over budget');
  process.exitCode = 1;
}
