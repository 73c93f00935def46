/** One HTTP POST of a delivery: the receiver's status code, or a thrown error (network, timeout). */
export type WebhookSender = (url: string, init: { headers: Record<string, string>; body: string; timeoutMs: number }) => Promise<{ status: number }>;

/**
 * POSTs with the platform's fetch. Redirects are not followed (a 3xx is a failed attempt: the
 * signature was made for this URL), and the response body is read and dropped so the socket is
 * reused.
 */
export const fetchSender: WebhookSender = async (url, { headers, body, timeoutMs }) => {
  const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  await res.arrayBuffer().catch(() => undefined);
  return { status: res.status };
};

/** A short, log-safe reason for a failed attempt (`connect ECONNREFUSED 127.0.0.1:9`, `timed out after 10000 ms`). */
export function describeSendError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const text = e?.cause?.message ?? e?.cause?.code ?? e?.message ?? String(err);
  return text.slice(0, 300);
}
