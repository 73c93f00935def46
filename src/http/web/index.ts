import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { consolePage } from './console-page';
import { faviconRoutes } from './favicon';
import { brandWidgetScript } from './widget-script';
import { embeddable, noInlineStyles } from '../security-headers';

export interface WebAssetOptions {
  /** Shown on the demo page and passed to the widget as `data-brand`. Escaped before use. @example 'PayLater' */
  brandName: string;
  /**
   * Folder holding the bundled browser code (`widget.js`, `demo/*.html`), as written by
   * `scripts/build-web.mjs`. Default: `dist/web` under the project root.
   */
  distDir?: string;
}

/** Walks up from this file to the folder with package.json, so the default works from src/ and dist/src/. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

interface CachedFile {
  stamp: string;
  body: Buffer;
  etag: string;
}

/** A strong etag from the bytes served. */
function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Reads a file, re-reading only when its mtime or size changes (a rebuild), so a running dev server serves fresh code. */
function fileCache() {
  const cache = new Map<string, CachedFile>();
  return (file: string): CachedFile | undefined => {
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      cache.delete(file);
      return undefined;
    }
    const hit = cache.get(file);
    if (hit && hit.stamp === stamp) return hit;
    const body = readFileSync(file);
    const entry = { stamp, body, etag: etagOf(body) };
    cache.set(file, entry);
    return entry;
  };
}

const NOT_BUILT = 'The browser bundle has not been built yet: run `npm run build` (or `node scripts/build-web.mjs`).\n';

/**
 * Serves the embeddable widget and the demo shop pages:
 * `GET /` (demo product page), `GET /orders.html`, `GET /widget.js`;
 * and the agent console: `GET /console` (HTML shell), `GET /console.js`, `GET /console.css`.
 * Answers 503 with a plain explanation when the bundle has not been built.
 * @example await app.register(webAssetRoutes, { brandName: config.brandName });
 */
export const webAssetRoutes: FastifyPluginAsync<WebAssetOptions> = async (app: FastifyInstance, opts) => {
  const root = projectRoot();
  const distDir = opts.distDir ?? path.join(root, 'dist', 'web');
  const read = fileCache();
  const brand = escapeHtml(opts.brandName);

  function notBuilt(reply: FastifyReply) {
    return reply.code(503).header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
  }

  function sendCached(reply: FastifyReply, file: CachedFile, ifNoneMatch: string | undefined, type: string, cacheControl: string) {
    reply.header('content-type', type).header('cache-control', cacheControl).header('etag', file.etag).header('x-content-type-options', 'nosniff');
    if (ifNoneMatch === file.etag) return reply.code(304).send();
    return reply.send(file.body);
  }

  function demoPage(name: string) {
    return async (_req: unknown, reply: FastifyReply) => {
      const file = read(path.join(distDir, 'demo', name));
      if (!file) return notBuilt(reply);
      const html = file.body.toString('utf8').replaceAll('{{BRAND_NAME}}', brand);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(html);
    };
  }

  await app.register(faviconRoutes);
  app.get('/', demoPage('index.html'));
  app.get('/orders.html', demoPage('orders.html'));

  // widget.js carries BRAND_NAME as its default brand; rebranded once per build of the bundle.
  let branded: { from: CachedFile; file: CachedFile } | undefined;
  app.get('/widget.js', embeddable, async (req, reply) => {
    const built = read(path.join(distDir, 'widget.js'));
    if (!built) return notBuilt(reply);
    if (branded?.from !== built) {
      const body = Buffer.from(brandWidgetScript(built.body.toString('utf8'), opts.brandName));
      branded = { from: built, file: { stamp: built.stamp, body, etag: etagOf(body) } };
    }
    const file = branded.file;
    // Short cache: embedding sites pick up a new release within minutes; the etag makes revalidation cheap.
    return sendCached(reply, file, req.headers['if-none-match'], 'application/javascript; charset=utf-8', 'public, max-age=300');
  });

  // The agent console. Its page is tiny and always revalidated; the bundle is cached briefly with an
  // etag, like the widget. Never framed, no inline script or style (src/http/security-headers.ts).
  const consoleHtml = consolePage(brand);
  app.get('/console', noInlineStyles, async (_req, reply) => {
    if (!read(path.join(distDir, 'console.js'))) return notBuilt(reply);
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(consoleHtml);
  });
  app.get('/console/', async (_req, reply) => reply.redirect('/console'));
  for (const [name, type] of [
    ['console.js', 'application/javascript; charset=utf-8'],
    ['console.css', 'text/css; charset=utf-8'],
  ] as const) {
    app.get(`/${name}`, async (req, reply) => {
      const file = read(path.join(distDir, name));
      if (!file) return notBuilt(reply);
      return sendCached(reply, file, req.headers['if-none-match'], type, 'private, max-age=60');
    });
  }
};
