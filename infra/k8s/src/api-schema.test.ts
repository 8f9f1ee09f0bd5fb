import { schemaErrors, unknownFieldErrors } from './api-schema';
import type { K8sObject } from './manifests';

function deployment(container: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'web:1', ...container }] },
      },
      ...spec,
    },
  } as K8sObject;
}

describe('schemaErrors', () => {
  it('accepts a valid object', () => {
    expect(schemaErrors([deployment({ ports: [{ containerPort: 80 }] })])).toEqual([]);
  });

  it('reports a value of the wrong type and a missing required field', () => {
    expect(schemaErrors([deployment({ ports: [{ containerPort: 'eighty' }] })])).toEqual([
      expect.stringContaining('Deployment web'),
    ]);
    expect(schemaErrors([deployment({ image: undefined, name: undefined })])).toHaveLength(1);
  });

  it('reports an API group it has no schema for', () => {
    const object = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(schemaErrors([object])).toEqual([expect.stringContaining('no schema')]);
  });
});

describe('unknownFieldErrors', () => {
  it('accepts objects that use only defined fields', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
    };
    expect(unknownFieldErrors([deployment({}), service])).toEqual([]);
  });

  it('finds a misspelt field deep inside an object and names the object', () => {
    const errors = unknownFieldErrors([
      deployment({ securityContext: { readOnlyRootFilesytem: true } }),
    ]);
    expect(errors).toEqual([expect.stringMatching(/^Deployment web: .*readOnlyRootFilesytem/)]);
  });

  it('finds a field put at the wrong level', () => {
    const errors = unknownFieldErrors([deployment({}, { serviceAccountName: 'web' })]);
    expect(errors).toEqual([expect.stringContaining('serviceAccountName')]);
  });
});
