/**
 * The console imports the server's payload types from src/protocol/api (issue 15) with
 * `import type` only: the TypeBox schemas stay on the server and add nothing to the bundle.
 * jest's global setup has just bundled this tree's browser code into dist/web.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');

test('the console bundle carries no TypeBox runtime, though the console reads the schemas’ types', () => {
  const bundle = readFileSync(path.join(ROOT, 'dist', 'web', 'console.js'), 'utf8');
  const typeboxMarker = 'TypeBox.Kind'; // the symbol every TypeBox schema is tagged with
  expect(bundle).not.toContain(typeboxMarker);
  const consoleSources = ['api.ts', 'cases/format.ts', 'team/api.ts', 'training/types.ts'].map((f) => readFileSync(path.join(ROOT, 'src', 'web', 'console', f), 'utf8'));
  expect(consoleSources.every((src) => src.includes("from '../../protocol/api/") || src.includes("from '../../../protocol/api/"))).toBe(true);
});

test('the marker would be found if a value import pulled TypeBox in (so the test above can fail)', async () => {
  const out = await build({
    stdin: { contents: "import { CaseView } from './src/protocol/api/cases'; console.log(CaseView);", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    logLevel: 'silent',
  });
  expect(out.outputFiles[0]!.text).toContain('TypeBox.Kind');
});
