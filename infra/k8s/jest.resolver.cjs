// kubernetes-models publishes only `import` entry points (package.json "exports"), which Jest's
// CommonJS resolver does not try; resolve those packages with the `import` condition (swc then
// turns them into CommonJS, see jest.preset.cjs) and everything else as usual.
const ESM_ONLY = /^(kubernetes-models|@kubernetes-models\/|is-cidr|cidr-regex)/;

module.exports = (request, options) =>
  options.defaultResolver(
    request,
    ESM_ONLY.test(request) ? { ...options, conditions: ['import', 'default'] } : options,
  );
