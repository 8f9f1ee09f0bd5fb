import {
  DEPLOYMENTS,
  hasKubectl,
  render,
  type DeploymentName,
  type K8sObject,
} from '../src/manifests';

const cache = new Map<DeploymentName, K8sObject[]>();

/** The objects `skaffold` deploys for a combination of profiles, rendered once per test file. */
export function rendered(deployment: DeploymentName): K8sObject[] {
  let objects = cache.get(deployment);
  if (!objects) {
    objects = render(deployment);
    cache.set(deployment, objects);
  }
  return objects;
}

export const ALL_DEPLOYMENTS = Object.keys(DEPLOYMENTS) as DeploymentName[];

/**
 * Suites that render manifests need kubectl (it embeds kustomize). Without it they show as
 * skipped, except in CI, where a missing kubectl must fail the build rather than hide the checks.
 */
export const describeWithKubectl = (name: string, suite: () => void): void => {
  if (hasKubectl()) describe(name, suite);
  else if (process.env.CI) {
    describe(name, () =>
      it('needs kubectl on PATH (it renders the kustomizations)', () => {
        throw new Error('kubectl not found');
      }),
    );
  } else describe.skip(`${name} [SKIPPED: no kubectl on PATH]`, suite);
};
