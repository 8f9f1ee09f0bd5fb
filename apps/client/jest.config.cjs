module.exports = {
  ...require('../../jest.preset.cjs'),
  rootDir: __dirname,
  displayName: 'client',
  // The browser test starts the whole blog as processes, then drives Chromium through it.
  testTimeout: 180_000,
};
