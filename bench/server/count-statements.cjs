// Preloaded into the benchmarked server (node --require) by bench/server.ts, in every thread
// (worker threads inherit execArgv): counts SQL statements run through better-sqlite3 and pg
// and writes the running total to BENCH_STMT_DIR/<pid>-<threadId> every 250 ms (when it moved), so the load
// client can read statements per turn over its measured window. Never loaded by the app itself.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { setInterval } = require('node:timers');
const { threadId } = require('node:worker_threads');

const dir = process.env.BENCH_STMT_DIR;
if (dir) {
  let count = 0;
  const wrap = (proto, names) => {
    for (const name of names) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function counted(...args) {
        count++;
        return original.apply(this, args);
      };
    }
  };
  try {
    const Database = require('better-sqlite3');
    const probe = new Database(':memory:');
    wrap(Object.getPrototypeOf(probe.prepare('SELECT 1')), ['run', 'get', 'all', 'iterate']);
    wrap(Database.prototype, ['exec']);
    probe.close();
  } catch {
    // better-sqlite3 not loadable here: nothing to count.
  }
  try {
    wrap(require('pg').Client.prototype, ['query']);
  } catch {
    // pg not installed.
  }
  const file = path.join(dir, `${process.pid}-${threadId}`);
  let written = -1;
  const flush = () => {
    // Only when it moved: each write and rename is two syscalls, dear on this VM (they showed as
    // 3% of the server's CPU at 100 ms).
    if (count === written) return;
    written = count;
    try {
      // Written aside and renamed, so a reader never sees a half-written (empty) file.
      fs.writeFileSync(`${file}.tmp`, String(count));
      fs.renameSync(`${file}.tmp`, file);
    } catch {
      // the directory went away at the end of the run
    }
  };
  setInterval(flush, 250).unref();
}
