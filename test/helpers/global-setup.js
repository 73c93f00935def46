// Jest global setup: bundle the browser code once so tests that serve /widget.js see this tree's
// code, and train the shipped intents' model into the tests' cache once (warm-model.ts), so that
// no suite's hook pays for the first training.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build-web.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'warm-model.ts')], { stdio: 'inherit' });
};
