/**
 * A seeded typo generator: `n` typos per message, each one of the slips people make on a phone
 * keyboard in a word of 3+ letters: two neighbouring letters swapped, a letter dropped, or a
 * letter doubled. The same seed gives the same typos, so before/after runs compare like with like.
 */
export type TypoKind = 'swap' | 'drop' | 'double';

/** `text` with `n` typos (fewer when it has no word of 3+ letters left to change). */
export function addTypos(text: string, n: number, rand: () => number): string {
  let out = text;
  for (let k = 0; k < n; k++) {
    const words = [...out.matchAll(/\p{L}{3,}/gu)];
    if (words.length === 0) break;
    const m = words[Math.floor(rand() * words.length)]!;
    const w = m[0];
    const kind: TypoKind = (['swap', 'drop', 'double'] as const)[Math.floor(rand() * 3)]!;
    const i = Math.floor(rand() * (kind === 'swap' ? w.length - 1 : w.length));
    const typo = kind === 'swap' ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : kind === 'drop' ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i + 1) + w[i] + w.slice(i + 1);
    out = out.slice(0, m.index) + typo + out.slice(m.index! + w.length);
  }
  return out;
}
