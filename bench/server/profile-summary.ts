/**
 * Summarises the app's CPU profile from `npm run bench:server -- --cpu-prof DIR`: only the samples
 * inside the closed-loop app windows (DIR/windows.json), as shares of the samples that were not
 * idle. Prints the functions by self time, and the parts of the code by inclusive time (a sample
 * counts once for each part on its stack), so "knowledge search 12%" means 12% of the server's
 * main-thread CPU was spent inside it.
 *
 * Usage: npx tsx bench/server/profile-summary.ts DIR [--top N] [--json FILE]
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Parts of the server, by the file a frame is in (first match wins), then by function name. */
const PARTS: Array<[string, (url: string, fn: string) => boolean]> = [
  ['nlu (src/nlu, natural)', (u) => u.includes('/src/nlu/') || u.includes('/node_modules/natural/')],
  ['knowledge search (src/knowledge, minisearch)', (u) => u.includes('/src/knowledge/') || u.includes('/node_modules/minisearch/')],
  ['xstate', (u) => u.includes('/node_modules/xstate/')],
  ['conversation machine + flows (src/conversation)', (u) => u.includes('/src/conversation/')],
  ['storage (src/storage)', (u) => u.includes('/src/storage/')],
  ['better-sqlite3', (u) => u.includes('/node_modules/better-sqlite3/')],
  ['pg', (u) => u.includes('/node_modules/pg')],
  ['privacy (masking)', (u) => u.includes('/src/privacy/')],
  ['bus', (u) => u.includes('/src/bus/')],
  ['socket path (src/http/ws)', (u) => u.includes('/src/http/ws/')],
  ['ws library', (u) => u.includes('/node_modules/ws/')],
  ['protocol decode', (u) => u.includes('/src/protocol/')],
  ['pino', (u) => u.includes('/node_modules/pino')],
  ['metrics (src/metrics, prom-client)', (u) => u.includes('/src/metrics/') || u.includes('/node_modules/prom-client/')],
  ['JSON.stringify/parse', (_u, f) => f === 'stringify' || f === 'parse'],
  ['garbage collector', (_u, f) => f === '(garbage collector)'],
];

function main(): void {
  const argv = process.argv.slice(2);
  const dir = argv[0];
  if (!dir) throw new Error('usage: profile-summary.ts DIR [--top N] [--json FILE]');
  const top = Number(argv[argv.indexOf('--top') + 1]) || 30;
  const jsonOut = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : undefined;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const windowsFile = path.join(dir, 'windows.json');
  const windows: Array<[number, number]> = fs.existsSync(windowsFile) ? JSON.parse(fs.readFileSync(windowsFile, 'utf8')) : [];
  // The main thread's profile is the biggest (worker threads write their own, small ones).
  const main = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (!main) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(fs.readFileSync(main, 'utf8')) as Profile;

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOf = new Map<number, string | undefined>();
  for (const n of profile.nodes) {
    const { url, functionName } = n.callFrame;
    partOf.set(n.id, PARTS.find(([, test]) => test(url, functionName))?.[0]);
  }

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const innermost = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  let idle = 0;
  const inWindow = (ts: number) => windows.length === 0 || windows.some(([a, b]) => ts >= a && ts <= b);
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (!inWindow(t)) continue;
    const leaf = byId.get(profile.samples[i]!)!;
    const fn = leaf.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)' || fn === '(program)') {
      if (fn === '(idle)') idle++;
      // '(program)' is V8 work outside JS (compilation, IC misses, native callbacks): count it.
      if (fn === '(idle)') continue;
    }
    total++;
    const where = leaf.callFrame.url ? `${leaf.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${leaf.callFrame.lineNumber + 1}` : '';
    const key = `${fn} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const part = partOf.get(id);
      if (part && seen.size === 0) innermost.set(part, (innermost.get(part) ?? 0) + 1);
      if (part && !seen.has(part)) {
        seen.add(part);
        inclusive.set(part, (inclusive.get(part) ?? 0) + 1);
      }
    }
  }
  const pct = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`;
  const out: string[] = [];
  out.push(`${path.basename(main)}: ${total} busy samples in ${windows.length || 'all'} window(s), ${idle} idle`);
  out.push('', 'by part (inclusive; a sample counts once per part on its stack):');
  const parts = [...inclusive].sort((a, b) => b[1] - a[1]);
  for (const [k, v] of parts) out.push(`  ${pct(v).padStart(6)}  ${k}`);
  out.push('', 'by innermost part (each sample once, to the part nearest the leaf; the rest is node internals):');
  const inner = [...innermost].sort((a, b) => b[1] - a[1]);
  for (const [k, v] of inner) out.push(`  ${pct(v).padStart(6)}  ${k}`);
  out.push('', `top ${top} functions by self time:`);
  const fns = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [k, v] of fns) out.push(`  ${pct(v).padStart(6)}  ${k}`);
  process.stdout.write(out.join('\n') + '\n');
  if (jsonOut) {
    const share = (xs: Array<[string, number]>) => xs.map(([k, v]) => ({ name: k, share: v / Math.max(1, total) }));
    fs.writeFileSync(jsonOut, JSON.stringify({ profile: path.basename(main), busySamples: total, idleSamples: idle, parts: share(parts), innermost: share(inner), selfTop: share(fns) }, null, 2) + '\n');
  }
}

main();
