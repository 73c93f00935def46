import type { FastifyInstance } from 'fastify';

/** One route of the app: `GET /api/cases/:id`. HEAD (fastify's automatic twin of GET) is left out. */
export interface RouteEntry {
  method: string;
  path: string;
}

/**
 * Every route the app serves, read from fastify's own route tree (`printRoutes`), so a test built
 * on it covers a route added tomorrow without being told. Parses lines like
 * `│   └── /:id (GET, HEAD, DELETE)`: the segment is appended to its parent's path.
 */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  const out: RouteEntry[] = [];
  const stack: Array<{ depth: number; path: string }> = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]?.path ?? '';
    const segment = m[2]!;
    const path = parent === '' ? segment : parent === '/' ? `/${segment.replace(/^\//, '')}` : parent + segment;
    stack.push({ depth, path });
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') out.push({ method, path });
  }
  return out;
}
