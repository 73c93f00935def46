/**
 * Fills the benchmarks' sentence-embedding cache with every text of BANKING77 and CLINC150, so
 * accurate-mode runs of bench:nlu measure training with cached embeddings (the cold figure comes
 * from `bench:nlu --cold`). Prints the embedding rate.
 *
 *   npx tsx bench/nlu-embed.ts [--only b77|clinc]
 */
import { loadBanking77, loadClinc150 } from './lib/datasets';
import { benchSentenceCache } from './lib/sentence';

async function main(): Promise<void> {
  const b = loadBanking77();
  const c = loadClinc150();
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const b77 = only === 'clinc' ? [] : [...b.train, ...b.test];
  const clinc = only === 'b77' ? [] : [...c.train, ...c.val, ...c.test, ...c.oosVal, ...c.oosTest];
  const texts = [...b77, ...clinc].map((e) => e.text);
  const cache = await benchSentenceCache();
  const started = Date.now();
  let last = 0;
  const r = await cache.ensure(texts, (done, total) => {
    if (Date.now() - last > 10_000 || done === total) {
      last = Date.now();
      process.stderr.write(`embedded ${done}/${total} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }
  });
  const s = (Date.now() - started) / 1000;
  process.stdout.write(`${r.embedded} texts embedded, ${r.cached} cached, ${s.toFixed(1)} s (${r.embedded ? ((s * 1000) / r.embedded).toFixed(1) : '-'} ms per text)\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
