// Preloaded into both servers of bench:server (node --expose-gc --require), main thread only: on
// SIGWINCH (not SIGUSR2: close-with-grace shuts the app down on that; SIGWINCH is ignored by
// default) it collects garbage twice and writes process.memoryUsage() to BENCH_MEM_DIR/<pid>.json,
// so the idle-memory figure compares live memory, not how much garbage happened to be waiting
// (two RSS reads 2 s apart swung from 6 to 30 KiB per connection between identical runs).
// Never loaded by the app itself.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { isMainThread } = require('node:worker_threads');

const dir = process.env.BENCH_MEM_DIR;
if (dir && isMainThread) {
  process.on('SIGWINCH', () => {
    if (typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
    const file = path.join(dir, `${process.pid}.json`);
    try {
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()));
      fs.renameSync(`${file}.tmp`, file);
    } catch {
      // the directory went away at the end of the run
    }
  });
}
