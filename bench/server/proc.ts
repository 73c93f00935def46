/** What bench:server reads about a server process from /proc (Linux only). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

let ticksPerSecond: number | undefined;

/** CPU time (user + system, all threads) the process has used so far, in ms. */
export function cpuMs(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "(comm)" start at field 3; utime and stime are fields 14 and 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / ticksPerSecond;
}

/** Resident set size of the process, in KiB. */
export function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** Sum of the statement counters bench/server/count-statements.cjs writes into `dir` (0 without). */
export function statementCount(dir: string | undefined): number {
  if (!dir || !fs.existsSync(dir)) return 0;
  let n = 0;
  for (const f of fs.readdirSync(dir)) if (!f.endsWith('.tmp')) n += Number(fs.readFileSync(path.join(dir, f), 'utf8')) || 0;
  return n;
}

/** The first child of `pid` (the node server under strace). */
export function childPid(pid: number): number | undefined {
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    return children[0] ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** Main-thread time on a CPU and waiting for one (ns), from /proc/<pid>/schedstat. */
export function busyNs(pid: number): number {
  const [onCpu, waiting] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
  return (onCpu ?? 0) + (waiting ?? 0);
}
