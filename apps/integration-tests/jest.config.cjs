// Black-box tests of a running blog; not part of `npm test` (the target is `integration`).
const waitTimeoutMs = Number(process.env.WAIT_TIMEOUT_MS) || 10_000;

module.exports = {
  ...require('../../jest.preset.cjs'),
  rootDir: __dirname,
  displayName: 'integration-tests',
  // A test waits for the services to be ready, then for events to travel: up to three waits.
  testTimeout: 3 * waitTimeoutMs + 10_000,
};
