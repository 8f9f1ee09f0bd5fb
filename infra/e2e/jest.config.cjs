module.exports = {
  ...require('../../jest.preset.cjs'),
  rootDir: __dirname,
  displayName: 'e2e',
  // Each test starts the five services as processes, then waits for events to travel.
  testTimeout: 180_000,
  // One file at a time: stacks on MongoDB use the same databases (the stack names them after the
  // services), and five processes per stack are enough for a machine's cores.
  maxWorkers: 1,
};
