// Shared Jest settings. Every project's jest.config.cjs spreads this and sets only its rootDir.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

// Map the @blog/* path aliases of tsconfig.base.json to source, so tests run without a build.
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias}$`,
    path.join(__dirname, target),
  ]),
);

// Packages published only as ES modules; swc turns them into CommonJS for Jest.
const esmOnlyPackages = [
  'uuid',
  'kubernetes-models',
  '@kubernetes-models',
  'http-proxy-middleware',
  // ...and two of http-proxy-middleware's own dependencies.
  'httpxy',
  'is-plain-obj',
];

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleNameMapper,
  setupFiles: [path.join(__dirname, 'jest.setup.cjs')],
  testTimeout: 20_000,
};
