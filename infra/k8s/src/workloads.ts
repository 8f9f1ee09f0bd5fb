import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { IService } from 'kubernetes-models/v1/Service';
import type { K8sObject } from './manifests';

/** Something that runs pods: a Deployment, a StatefulSet or a Job. */
export interface Workload {
  kind: string;
  name: string;
  labels: Record<string, string>;
  containers: IContainer[];
  template: IPodTemplateSpec;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job']);

export function workloadOf(object: K8sObject): Workload {
  const template = (object.spec as { template: IPodTemplateSpec }).template;
  return {
    kind: object.kind,
    name: object.metadata.name,
    labels: template.metadata?.labels ?? {},
    containers: template.spec?.containers ?? [],
    template,
  };
}

export function workloads(objects: K8sObject[]): Workload[] {
  return objects.filter((object) => WORKLOAD_KINDS.has(object.kind)).map(workloadOf);
}

export function services(objects: K8sObject[]): (IService & K8sObject)[] {
  return objects.filter((object) => object.kind === 'Service') as (IService & K8sObject)[];
}

export function matchesLabels(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}

/** The workload whose pods a Service sends traffic to (exactly one, in this system). */
export function backendOf(service: IService, all: Workload[]): Workload[] {
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  return all.filter((workload) => matchesLabels(selector, workload.labels));
}

/** The container port a Service port leads to: by name or number, as Kubernetes resolves it. */
export function targetContainerPort(
  targetPort: number | string | undefined,
  servicePort: number,
  workload: Workload,
): number | undefined {
  const wanted = targetPort ?? servicePort;
  for (const container of workload.containers) {
    for (const port of container.ports ?? []) {
      if (port.name === wanted || port.containerPort === wanted) return port.containerPort;
    }
  }
  return undefined;
}
