/**
 * The profiles for a command on the CI cluster: the user's, then ci-cluster, which swaps the
 * images a machine without a container registry cannot pull (skaffold.yaml). It comes last
 * because prod replaces the artifact list that ci-cluster patches.
 */
export function withCiImages(profiles: string): string {
  return profiles ? `${profiles},ci-cluster` : 'ci-cluster';
}
