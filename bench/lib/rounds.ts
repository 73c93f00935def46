/** The `--rounds N` option of the alternating A/B benchmarks. */

/** `--rounds N` from argv (else `fallback`); undefined after printing `usage` for `--help`. */
export function roundsOption(argv: string[], usage: string, fallback: number): number | undefined {
  if (argv.includes('--help')) {
    process.stdout.write(usage + '\n');
    return undefined;
  }
  const i = argv.indexOf('--rounds');
  const rounds = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
  return rounds;
}
