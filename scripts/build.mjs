// `npm run build` (and so `npm start`): compiles the server with TypeScript's build mode, then
// bundles the browser code. Build mode compares input and output times against
// dist/tsconfig.build.tsbuildinfo, so a restart with nothing changed compiles nothing, and a
// change recompiles only what it touches. Build mode does not notice deleted outputs, so a
// missing dist/src/main.js forces a full compile.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const force = process.argv.includes('--force') || !existsSync(path.join(root, 'dist', 'src', 'main.js'));
const args = [tsc, '-b', 'tsconfig.build.json', ...(force ? ['--force'] : [])];
const compiled = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const web = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-web.mjs'), ...(force ? ['--force'] : [])], { cwd: root, stdio: 'inherit' });
process.exit(web.status ?? 1);
