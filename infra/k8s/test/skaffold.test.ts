import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { schemaErrors, unknownFieldErrors } from '../src/api-schema';
import { imageName } from '../src/app-definitions';
import { REPO_ROOT, type K8sObject } from '../src/manifests';
import { portOf, urlsIn } from '../src/pod-environment';
import { readSkaffoldConfig, withProfiles } from '../src/skaffold-config';
import { services, workloads } from '../src/workloads';
import { describeWithKubectl, rendered } from './rendered';

const SCHEMA = path.resolve(REPO_ROOT, '../shared/schemas/skaffold-v4beta13.json');
const config = readSkaffoldConfig();

// In a sync glob, `*` matches within one path segment and `**` plus a slash any number of folders.
function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/\./g, '\\.')
    .replace(/\*\*\//g, '\0')
    .replace(/\*/g, '[^/]*')
    .replace(/\0/g, '(?:.*/)?');
  return new RegExp(`^${source}$`);
}

/** Files under apps/ and libs/ that a sync rule's glob matches. */
function matchingFiles(glob: string): string[] {
  const regex = globToRegExp(glob);
  return ['apps', 'libs'].flatMap((root) =>
    readdirSync(path.join(REPO_ROOT, root), { recursive: true, encoding: 'utf8' })
      .map((file) => `${root}/${file}`)
      .filter((file) => !file.includes('node_modules') && regex.test(file)),
  );
}

const hasSchema = existsSync(SCHEMA);
const describeWithSchema = hasSchema ? describe : describe.skip;
const schemaSuiteName = hasSchema
  ? 'skaffold.yaml against the Skaffold v4beta13 JSON schema'
  : 'skaffold.yaml against the Skaffold JSON schema [SKIPPED: ../shared/schemas is absent]';

describeWithSchema(schemaSuiteName, () => {
  it('is valid, profiles included', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(config.apiVersion).toBe('skaffold/v4beta13');
  });

  it('rejects a misspelt field, so the check can fail', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
    const broken = structuredClone(config) as unknown as { build: { artifacts: object[] } };
    broken.build.artifacts[0] = { ...broken.build.artifacts[0], dockerFile: 'x' };
    expect(validate(broken)).toBe(false);
  });
});

/** The image names the manifests deploy, without tags. */
const deployedImages = (objects: K8sObject[]) =>
  new Set(workloads(objects).flatMap((w) => w.containers.map((c) => imageName(c.image ?? ''))));

describe('skaffold.yaml', () => {
  it('builds each artifact from a Dockerfile that has the target it asks for', () => {
    for (const profiles of [[], ['prod']]) {
      for (const artifact of withProfiles(config, profiles).build.artifacts) {
        const dockerfile = path.join(REPO_ROOT, artifact.context, artifact.docker.dockerfile);
        expect(existsSync(dockerfile)).toBe(true);
        const stages = [...readFileSync(dockerfile, 'utf8').matchAll(/^FROM \S+ AS (\S+)$/gm)].map(
          (match) => match[1],
        );
        if (artifact.docker.target) expect(stages).toContain(artifact.docker.target);
      }
    }
  });

  it('builds the watching dev images by default and the runtime images in prod', () => {
    const targets = (profiles: string[]) =>
      withProfiles(config, profiles)
        .build.artifacts.filter((a) => a.image !== 'blog/integration-tests')
        .map((a) => a.docker.target);
    expect(new Set(targets([]))).toEqual(new Set(['dev']));
    expect(new Set(targets(['prod']))).toEqual(new Set(['runtime']));
    const images = (profiles: string[]) =>
      withProfiles(config, profiles).build.artifacts.map(
        (a) => `${a.image} ${a.docker.dockerfile}`,
      );
    expect(images(['prod'])).toEqual(images([]));
  });

  it('syncs sources to the same path in the dev container, and only files that exist', () => {
    for (const artifact of config.build.artifacts.filter((a) => a.docker.target === 'dev')) {
      const dockerfile = readFileSync(path.join(REPO_ROOT, artifact.docker.dockerfile), 'utf8');
      expect(dockerfile).toMatch(/^WORKDIR \/workspace$/m);
      for (const rule of artifact.sync?.manual ?? []) {
        expect(rule.dest).toBe('/workspace');
        expect(rule.strip).toBeUndefined();
        expect({ src: rule.src, matches: matchingFiles(rule.src).length > 0 }).toEqual({
          src: rule.src,
          matches: true,
        });
      }
    }
  });

  it('deploys dev by default, prod with -p prod, and adds the policies in any order', () => {
    const paths = (profiles: string[]) => withProfiles(config, profiles).manifests.kustomize.paths;
    expect(paths([])).toEqual(['infra/k8s/overlays/dev']);
    expect(paths(['prod'])).toEqual(['infra/k8s/overlays/prod']);
    const withPolicies = ['infra/k8s/overlays/prod', 'infra/k8s/overlays/network-policies'];
    expect(paths(['prod', 'network-policies'])).toEqual(withPolicies);
    expect(paths(['network-policies', 'prod'])).toEqual(withPolicies);
    expect(paths(['network-policies'])).toEqual([
      'infra/k8s/overlays/dev',
      'infra/k8s/overlays/network-policies',
    ]);
  });
});

describeWithKubectl('skaffold.yaml and the manifests', () => {
  it.each([['dev'], ['prod']] as const)(
    '%s: has an artifact for every image it deploys and uses every artifact',
    (profile) => {
      const objects = rendered(profile);
      const artifacts = new Set(config.build.artifacts.map((a) => a.image));
      const ours = [...deployedImages(objects)].filter((image) => image.startsWith('blog/'));
      expect(ours.sort()).toEqual(
        [...artifacts].filter((image) => image !== config.verify![0]!.container.image).sort(),
      );
      for (const image of ours) expect(artifacts).toContain(image);
    },
  );

  it('forwards ports of Services that exist, to the same local port', () => {
    const objects = rendered('dev');
    for (const forward of config.portForward ?? []) {
      expect(forward.resourceType).toBe('service');
      const service = services(objects).find((s) => s.metadata.name === forward.resourceName);
      expect(service?.spec?.ports?.map((p) => p.port)).toContain(forward.port);
      expect(forward.localPort).toBe(forward.port);
    }
  });

  it('runs the verify tests against Services and ports that exist, from a valid Job', () => {
    const objects = rendered('dev');
    const [verify, ...others] = config.verify ?? [];
    expect(others).toEqual([]);
    expect(verify!.executionMode?.kubernetesCluster).toBeDefined();
    for (const { name, value } of verify!.container.env ?? []) {
      for (const url of urlsIn(value)) {
        const service = services(objects).find((s) => s.metadata.name === url.hostname);
        expect({ name, ports: service?.spec?.ports?.map((p) => p.port) }).toEqual({
          name,
          ports: expect.arrayContaining([portOf(url)]),
        });
      }
    }
    const jobFile = path.join(
      REPO_ROOT,
      verify!.executionMode!.kubernetesCluster!.jobManifestPath!,
    );
    const job = parse(readFileSync(jobFile, 'utf8')) as K8sObject;
    expect(job.kind).toBe('Job');
    expect(schemaErrors([job])).toEqual([]);
    expect(unknownFieldErrors([job])).toEqual([]);
    // Skaffold adds its run-id label to the pod template's labels, which must therefore exist.
    const template = workloads([job])[0]!;
    expect(template.labels.app).toBe('integration-tests');
  });
});
