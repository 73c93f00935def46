import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { webAssetRoutes } from '../../src/http/web';
import { securityHeaders } from '../../src/http/security-headers';

describe('console asset routes', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'console-assets-'));
  });
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function build(brandName = 'PayLater') {
    app = Fastify();
    // As in the app: the headers plugin comes first and the console route asks for its strict CSP.
    await app.register(securityHeaders, { publicUrl: '' });
    await app.register(webAssetRoutes, { brandName, distDir: dir });
    return app;
  }

  function writeBundle() {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'console.js'), '(()=>{console.log("console")})();');
    writeFileSync(path.join(dir, 'console.css'), 'body{margin:0}');
  }

  it('serves the console page with the escaped brand, its bundle and styles, under a strict CSP', async () => {
    writeBundle();
    await build('Pay<Later> & "Co"');
    const page = await app.inject({ url: '/console' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>Console · Pay&lt;Later&gt; &amp; &quot;Co&quot;</title>');
    expect(page.body).toContain('data-brand="Pay&lt;Later&gt; &amp; &quot;Co&quot;"');
    expect(page.body).toContain('<script src="/console.js" defer></script>');
    expect(page.body).not.toContain('Pay<Later>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');

    const js = await app.inject({ url: '/console.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(js.body).toContain('console');
    expect((await app.inject({ url: '/console.js', headers: { 'if-none-match': String(js.headers.etag) } })).statusCode).toBe(304);

    const css = await app.inject({ url: '/console.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toBe('body{margin:0}');
  });

  it('says how to build when the console bundle is missing', async () => {
    await build();
    for (const url of ['/console', '/console.js', '/console.css']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build');
    }
  });
});
