// Jest global setup: bundle the browser code once so tests that serve /widget.js see this tree's code.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build-web.mjs')], { stdio: 'inherit' });
};
