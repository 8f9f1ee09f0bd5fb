const preset = require('../../jest.preset.cjs');

// Besides the preset's ES-module-only packages: those kubernetes-models' validator loads.
const transformIgnorePatterns = preset.transformIgnorePatterns.map((pattern) =>
  pattern.replace('(?!(', '(?!(is-cidr|cidr-regex|'),
);

module.exports = {
  ...preset,
  rootDir: __dirname,
  displayName: 'k8s',
  resolver: require.resolve('./jest.resolver.cjs'),
  transformIgnorePatterns,
  // Rendering every overlay and type-checking every object takes a while on a busy machine.
  testTimeout: 120_000,
};
