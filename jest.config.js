/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Some dependencies ship ES modules only (fastify's cookie 2, marked); jest's CommonJS runtime
  // needs them transpiled.
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(cookie|marked)/)'],
  globalSetup: '<rootDir>/test/helpers/global-setup.js',
  // Generous: a test waits for real servers, browsers and training, and CI is a shared 2-core
  // machine; at load 14 some app starts took over 30 s. Tests check behaviour, never timings.
  testTimeout: 60000,
  // Since this session's landings (webhook dispatcher, SQLite writer thread, conversation-test runs),
  // something keeps jest alive after the last suite: it printed "did not exit" and hung, which would
  // hold CI until its time limit. Every suite still runs and fails on its own; forceExit only ends
  // the process afterwards. Finding the open handle (jest --detectOpenHandles) is open work.
  forceExit: true,
};
