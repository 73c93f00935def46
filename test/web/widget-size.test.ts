import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// The jest global setup has just bundled this tree's widget (scripts/build-web.mjs).
const bundle = path.resolve(__dirname, '..', '..', 'dist', 'web', 'widget.js');

describe('widget bundle', () => {
  const code = readFileSync(bundle);

  it('stays within the 30 KB gzipped budget for embedding sites', () => {
    const gzipped = gzipSync(code, { level: 9 }).length;
    expect(gzipped).toBeGreaterThan(1000); // a real bundle, not an empty file
    expect(gzipped).toBeLessThanOrEqual(30 * 1024);
  });

  it('is a self-contained script: no module syntax, no require, no source of innerHTML', () => {
    const text = code.toString('utf8');
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
    expect(text).not.toMatch(/\brequire\(/);
    // All message text goes through text nodes; a stray innerHTML would open an XSS hole.
    expect(text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
