import { schemaErrors, unknownFieldErrors } from '../src/api-schema';
import { ALL_DEPLOYMENTS, describeWithKubectl, rendered } from './rendered';

describeWithKubectl('every rendered object is valid for the Kubernetes API', () => {
  it.each(ALL_DEPLOYMENTS)(
    '%s: matches the API schema (types, required fields, formats)',
    (name) => {
      expect(schemaErrors(rendered(name))).toEqual([]);
    },
  );

  it.each(ALL_DEPLOYMENTS)('%s: uses no field the API does not define', (name) => {
    expect(unknownFieldErrors(rendered(name))).toEqual([]);
  });
});
