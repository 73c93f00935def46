import { transcriptText, type ConversationResult } from '../protocol/conversation-tests';
import type { SuiteResult } from './suite';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/**
 * The suite as a plain-text table, PASS/FAIL per file, then each failure with its reasons and
 * transcript, then a one-line total.
 *
 * @example io.stdout.write(formatSuiteReport(await runSuite(files, target)));
 */
export function formatSuiteReport(suite: SuiteResult): string {
  const rows = suite.results.map((r) => [r.passed ? 'PASS' : 'FAIL', r.file, r.expected, gotCell(r)]);
  const head = ['RESULT', 'FILE', 'EXPECTED', 'GOT'];
  const widths = head.map((h, i) => Math.min(i === 3 ? 200 : 60, Math.max(h.length, ...rows.map((row) => row[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd();
  const out = [line(head), ...rows.map(line)];
  const failed = suite.results.filter((r) => !r.passed);
  for (const r of failed) {
    out.push('', `FAIL ${r.file}: ${r.title}`);
    for (const f of r.failures) out.push(`  ✗ ${f}`);
    if (r.transcript.length) out.push('  transcript:', ...r.transcript.map((l) => '    ' + transcriptText(l)));
  }
  out.push('', `${suite.results.length} conversations: ${suite.passed} passed, ${suite.failed} failed (${(suite.ms / 1000).toFixed(1)} s)`);
  return out.join('\n') + '\n';
}

function gotCell(r: ConversationResult): string {
  if (!r.got) return r.failures[0] ?? '';
  return r.botReplies !== undefined ? `${r.got}; ${r.botReplies} bot replies` : r.got;
}
