import type { IContainer } from 'kubernetes-models/v1/Container';
import type { K8sObject } from '../k8s/src/manifests';
import { podEnvironment } from '../k8s/src/pod-environment';
import type { VerifyEnv } from '../k8s/src/skaffold-config';
import {
  backendOf,
  services,
  targetContainerPort,
  workloads,
  type Workload,
} from '../k8s/src/workloads';

/** One container of the system on the podman network, reachable by its Service names. */
export interface ContainerSpec {
  name: string;
  aliases: string[];
  image: string;
  /** `podman run` options besides the network and names. */
  options: string[];
  args: string[];
}

/** Builds the `podman run` options that reproduce a pod's security context and volumes. */
function podOptions(
  workload: Workload,
  container: IContainer,
  files: Map<string, string>,
): string[] {
  const pod = workload.template.spec?.securityContext ?? {};
  const own = container.securityContext ?? {};
  const options: string[] = [];
  const user = own.runAsUser ?? pod.runAsUser;
  if (user !== undefined)
    options.push(`--user=${user}:${own.runAsGroup ?? pod.runAsGroup ?? user}`);
  if (own.readOnlyRootFilesystem) options.push('--read-only');
  if (own.capabilities?.drop?.includes('ALL')) options.push('--cap-drop=all');
  if (own.allowPrivilegeEscalation === false) options.push('--security-opt=no-new-privileges');
  for (const mount of container.volumeMounts ?? []) {
    const volume = workload.template.spec?.volumes?.find((v) => v.name === mount.name);
    const configFile = volume?.configMap ? files.get(volume.configMap.name!) : undefined;
    if (configFile) options.push(`--volume=${configFile}:${mount.mountPath}:ro`);
    // emptyDir and PersistentVolume mounts: a fresh tmpfs the container's user may write to.
    else options.push(`--tmpfs=${mount.mountPath}:rw,mode=1777`);
  }
  return options;
}

/** The Service names that lead to a workload, checking they use the container's own port. */
function serviceNamesOf(workload: Workload, objects: K8sObject[]): string[] {
  return services(objects)
    .filter((service) => backendOf(service, [workload]).length > 0)
    .map((service) => {
      for (const port of service.spec?.ports ?? []) {
        const target = targetContainerPort(port.targetPort, port.port, workload);
        if (target !== port.port) {
          throw new Error(
            `${service.metadata.name}:${port.port} maps to ${target}; the podman network cannot remap ports`,
          );
        }
      }
      return service.metadata.name;
    });
}

export interface SystemImages {
  /** Image of each app, by the name the manifests use (blog/posts, ...). */
  apps: Record<string, string>;
  mongo: string;
  nats: string;
  tests: string;
}

/**
 * The Kubernetes deployment (the rendered dev overlay) as podman containers: each app with the
 * environment its pod gets from the ConfigMaps and Secret, its security context, and its
 * Service names as network aliases; one FerretDB answering for every MongoDB Service; NATS with
 * the ConfigMap's configuration file. `configFiles` maps a ConfigMap name to a host directory
 * holding its files.
 */
export function systemContainers(
  objects: K8sObject[],
  images: SystemImages,
  configFiles: Map<string, string>,
): ContainerSpec[] {
  const all = workloads(objects);
  const apps = all.filter((w) => w.kind === 'Deployment');
  const mongos = all.filter((w) => w.containers[0]?.image?.startsWith('mongo:'));
  const nats = all.filter((w) => w.containers[0]?.image?.startsWith('nats:'));

  const appSpecs: ContainerSpec[] = apps.map((workload) => {
    const container = workload.containers[0]!;
    const image = images.apps[container.image!];
    if (!image) throw new Error(`no image built for ${container.image}`);
    const environment = podEnvironment(container, objects);
    return {
      name: workload.name,
      aliases: serviceNamesOf(workload, objects),
      image,
      options: [
        ...podOptions(workload, container, configFiles),
        ...Object.entries(environment).map(([key, value]) => `--env=${key}=${value}`),
      ],
      args: container.args ?? [],
    };
  });
  // Data stores first: in a cluster their Service names resolve from the start (the Services
  // exist before any pod), which a container's name only does once the container exists.
  const specs: ContainerSpec[] = [];
  specs.push({
    name: 'mongo',
    aliases: mongos.flatMap((workload) => serviceNamesOf(workload, objects)),
    image: images.mongo,
    options: ['--tmpfs=/data:rw,mode=1777'],
    args: [],
  });
  for (const workload of nats) {
    const container = workload.containers[0]!;
    specs.push({
      name: workload.name,
      aliases: serviceNamesOf(workload, objects),
      image: images.nats,
      options: podOptions(workload, container, configFiles),
      args: container.args ?? [],
    });
  }
  return [...specs, ...appSpecs];
}

/** The integration tests, configured like the Skaffold verify Job. */
export function testContainer(image: string, env: VerifyEnv[]): ContainerSpec {
  return {
    name: 'integration-tests',
    aliases: [],
    image,
    options: ['--user=10001:10001', ...env.map(({ name, value }) => `--env=${name}=${value}`)],
    args: [],
  };
}
