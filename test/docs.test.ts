import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorCatalogue, httpError, type ErrorCode } from '../src/http/errors';

const root = path.resolve(__dirname, '..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');

test('every error code is documented in docs/errors.md', () => {
  const doc = read('docs/errors.md');
  for (const code of Object.keys(errorCatalogue)) expect(doc).toContain(`\`${code}\``);
});

test('the docs/errors.md table and the catalogue agree: the same codes, statuses and retryable flags', () => {
  const rows = [...read('docs/errors.md').matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (yes|no) \|/gm)].map((m) => ({
    code: m[1]!,
    status: Number(m[2]),
    retryable: m[3] === 'yes',
  }));
  const catalogue = Object.entries(errorCatalogue).map(([code, e]) => ({ code, status: e.status, retryable: e.retryable }));
  expect(rows).toEqual(catalogue);
  // …and each code's @fastify/error class carries that status and code.
  for (const { code, status } of rows) expect(httpError(code as ErrorCode)).toMatchObject({ code, statusCode: status });
});

test('every environment variable config.ts reads is in the README configuration table', () => {
  const source = read('src/config.ts');
  const readme = read('README.md');
  const vars = new Set([...source.matchAll(/\b(?:int|num|url)\(env, '([A-Z_]+)'/g)].map((m) => m[1]!));
  for (const m of source.matchAll(/env\.([A-Z_]+)/g)) vars.add(m[1]!);
  expect(vars.size).toBeGreaterThan(10);
  for (const v of vars) expect(readme).toMatch(new RegExp(`\\| \`${v}\` \\|`));
});
