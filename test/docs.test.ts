import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorCatalogue } from '../src/http/errors';

const root = path.resolve(__dirname, '..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');

test('every error code is documented in docs/errors.md', () => {
  const doc = read('docs/errors.md');
  for (const code of Object.keys(errorCatalogue)) expect(doc).toContain(`\`${code}\``);
});

test('every environment variable config.ts reads is in the README configuration table', () => {
  const source = read('src/config.ts');
  const readme = read('README.md');
  const vars = new Set([...source.matchAll(/\b(?:int|num|url)\(env, '([A-Z_]+)'/g)].map((m) => m[1]!));
  for (const m of source.matchAll(/env\.([A-Z_]+)/g)) vars.add(m[1]!);
  expect(vars.size).toBeGreaterThan(10);
  for (const v of vars) expect(readme).toMatch(new RegExp(`\\| \`${v}\` \\|`));
});
