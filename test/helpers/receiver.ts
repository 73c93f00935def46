import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A real HTTP receiver on 127.0.0.1, port 0, recording every POST. `respond` picks the status
 * for each request (default 200); it may return a promise to hold the request open.
 * @example const r = await startReceiver(() => 503); … r.requests; await r.close();
 */
export async function startReceiver(respond: (req: Received, index: number) => number | Promise<number> = () => 200) {
  const requests: Received[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(r);
      for (const w of waiters.filter((w) => requests.length >= w.n)) w.resolve();
      Promise.resolve(respond(r, requests.length - 1)).then(
        (status) => res.writeHead(status, { 'content-type': 'text/plain' }).end('ok'),
        () => res.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    /** Resolves once `n` requests arrived (rejects after `timeoutMs`). */
    waitFor(n: number, timeoutMs = 5000): Promise<void> {
      if (requests.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${requests.length} of ${n} requests`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
