import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './manifests';

export const SKAFFOLD_FILE = path.join(REPO_ROOT, 'skaffold.yaml');

export interface Artifact {
  image: string;
  context: string;
  docker: { dockerfile: string; target?: string };
  sync?: { manual?: { src: string; dest: string; strip?: string }[] };
}

export interface VerifyEnv {
  name: string;
  value: string;
}

/** The parts of skaffold.yaml this project uses (the JSON schema checks the rest). */
export interface SkaffoldConfig {
  apiVersion: string;
  build: { artifacts: Artifact[] };
  manifests: { kustomize: { paths: string[] } };
  portForward?: { resourceType: string; resourceName: string; port: number; localPort: number }[];
  verify?: {
    name: string;
    container: { name: string; image: string; env?: VerifyEnv[] };
    executionMode?: { kubernetesCluster?: { jobManifestPath?: string } };
  }[];
  profiles?: {
    name: string;
    build?: SkaffoldConfig['build'];
    manifests?: SkaffoldConfig['manifests'];
    patches?: { op?: string; path: string; value?: unknown }[];
  }[];
}

export function readSkaffoldConfig(): SkaffoldConfig {
  return parse(readFileSync(SKAFFOLD_FILE, 'utf8')) as SkaffoldConfig;
}

/**
 * The configuration Skaffold runs with `-p <profiles>`, applied the way Skaffold does, in the
 * order given: a profile's sections replace the config's, then its JSON patches apply.
 */
export function withProfiles(config: SkaffoldConfig, names: string[]): SkaffoldConfig {
  let result = structuredClone(config);
  for (const name of names) {
    const profile = config.profiles?.find((candidate) => candidate.name === name);
    if (!profile) throw new Error(`skaffold.yaml has no profile ${name}`);
    if (profile.build) result.build = structuredClone(profile.build);
    if (profile.manifests) result.manifests = structuredClone(profile.manifests);
    for (const patch of profile.patches ?? []) result = applyPatch(result, patch);
  }
  return result;
}

function applyPatch<T>(
  document: T,
  { op = 'replace', path: pointer, value }: { op?: string; path: string; value?: unknown },
): T {
  const keys = pointer.split('/').slice(1);
  const last = keys.pop()!;
  let parent: unknown = document;
  for (const key of keys) {
    parent = (parent as Record<string, unknown>)[key];
    if (parent === undefined) throw new Error(`patch path ${pointer} does not exist`);
  }
  if (Array.isArray(parent)) {
    if (op === 'add' && last === '-') parent.push(value);
    else if (op === 'add') parent.splice(Number(last), 0, value);
    else if (op === 'replace' && Number(last) < parent.length) parent[Number(last)] = value;
    else if (op === 'remove') parent.splice(Number(last), 1);
    else throw new Error(`cannot ${op} ${pointer}`);
  } else {
    const record = parent as Record<string, unknown>;
    if (op === 'replace' && !(last in record))
      throw new Error(`patch path ${pointer} does not exist`);
    if (op === 'remove') delete record[last];
    else record[last] = value;
  }
  return document;
}
