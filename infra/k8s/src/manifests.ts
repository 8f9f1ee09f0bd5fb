import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const K8S_ROOT = path.join(REPO_ROOT, 'infra/k8s');

/** A Kubernetes object as rendered: only the fields every object has are typed. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** What `skaffold` deploys for each combination of profiles: kustomize paths, rendered together. */
export const DEPLOYMENTS = {
  dev: ['overlays/dev'],
  'dev + network-policies': ['overlays/dev', 'overlays/network-policies'],
  prod: ['overlays/prod'],
  'prod + network-policies': ['overlays/prod', 'overlays/network-policies'],
} as const;

export type DeploymentName = keyof typeof DEPLOYMENTS;

/** `kubectl kustomize` of one kustomization directory (relative to infra/k8s), parsed. */
export function renderKustomization(directory: string): K8sObject[] {
  const output = execFileSync('kubectl', ['kustomize', path.join(K8S_ROOT, directory)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(output)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

export function render(deployment: DeploymentName): K8sObject[] {
  return DEPLOYMENTS[deployment].flatMap(renderKustomization);
}

/** True when kubectl (with its built-in kustomize) can be run here. */
export function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function ofKind<T = K8sObject>(objects: K8sObject[], kind: string): (K8sObject & T)[] {
  return objects.filter((object) => object.kind === kind) as (K8sObject & T)[];
}

export function named(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}
