import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { webAssetRoutes } from '../../src/http/web';

describe('web asset routes', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'web-assets-'));
  });
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function build(brandName = 'PayLater') {
    app = Fastify();
    await app.register(webAssetRoutes, { brandName, distDir: dir });
    return app;
  }

  function get(url: string, headers: Record<string, string> = {}) {
    return app.inject({ url, headers });
  }

  function writeBundle() {
    mkdirSync(path.join(dir, 'demo'), { recursive: true });
    writeFileSync(path.join(dir, 'widget.js'), '(()=>{console.log("widget")})();');
    writeFileSync(path.join(dir, 'demo', 'index.html'), '<h1>{{BRAND_NAME}}</h1><script src="/widget.js" data-brand="{{BRAND_NAME}}"></script>');
    writeFileSync(path.join(dir, 'demo', 'orders.html'), '<p>orders for {{BRAND_NAME}}</p>');
  }

  it('serves widget.js as JavaScript with a short cache and an etag that revalidates', async () => {
    writeBundle();
    await build();
    const res = await get('/widget.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/max-age=\d{1,4}\b/);
    expect(res.body).toContain('widget');
    const again = await get('/widget.js', { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('fills the brand name into the demo pages, escaped', async () => {
    writeBundle();
    await build('Pay<Later> & "Co"');
    const page = await get('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toBe('<h1>Pay&lt;Later&gt; &amp; &quot;Co&quot;</h1><script src="/widget.js" data-brand="Pay&lt;Later&gt; &amp; &quot;Co&quot;"></script>');
    const orders = await get('/orders.html');
    expect(orders.body).toBe('<p>orders for Pay&lt;Later&gt; &amp; &quot;Co&quot;</p>');
  });

  it('says how to build the bundle when it is missing, instead of a bare 404', async () => {
    await build();
    for (const url of ['/widget.js', '/', '/orders.html']) {
      const res = await get(url);
      expect(res.statusCode).toBe(503);
      expect(res.body).toMatch(/npm run build/);
    }
  });

  it('picks up a rebuilt bundle without a restart', async () => {
    writeBundle();
    await build();
    await get('/widget.js');
    writeFileSync(path.join(dir, 'widget.js'), '/* rebuilt, longer than before */');
    const res = await get('/widget.js');
    expect(res.body).toBe('/* rebuilt, longer than before */');
  });

  it('fills BRAND_NAME into widget.js as the default brand, safe in any string literal', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'widget.js'), 'var b="{{SUPPORT_WIDGET_BRAND}}",c=\'{{SUPPORT_WIDGET_BRAND}}\';');
    await build('Acme "Pay" \' </script>');
    const res = await get('/widget.js');
    expect(res.body).not.toContain('{{SUPPORT_WIDGET_BRAND}}');
    expect(res.body).not.toContain('</script>');
    // The served script evaluates to the brand itself, in both quote styles.
    const values = new Function(res.body + ' return [b, c];')() as string[];
    expect(values).toEqual(['Acme "Pay" \' </script>', 'Acme "Pay" \' </script>']);
    const again = await get('/widget.js', { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('serves a favicon at /favicon.svg and /favicon.ico', async () => {
    await build();
    for (const url of ['/favicon.svg', '/favicon.ico']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml');
      expect(res.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });
});
