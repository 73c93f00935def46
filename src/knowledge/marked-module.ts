import path from 'node:path';
import type * as MarkedModule from 'marked';

/**
 * Loads `marked` from CommonJS code. marked 16 ships only an ES module: Node 20.19+ can
 * `require()` it, but jest's CommonJS runtime cannot, so there we fall back to the package's
 * bundled UMD build, which jest runs as a plain script. (A `moduleNameMapper` for `marked` in
 * jest.config.js would make this fallback unnecessary.)
 */
function loadMarked(): typeof MarkedModule {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esm = require('marked') as typeof MarkedModule;
    if (typeof esm.Marked === 'function') return esm;
  } catch {
    // fall through to the UMD build
  }
  const dir = path.dirname(require.resolve('marked/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const umd = require(path.join(dir, 'lib', 'marked.umd.js')) as typeof MarkedModule;
  if (typeof umd.Marked !== 'function') throw new Error('could not load the "marked" package');
  return umd;
}

export const { Marked } = loadMarked();
