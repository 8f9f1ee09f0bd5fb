import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WEB_CLIENT_IMAGE, imageName, isAppImage } from '../src/app-definitions';
import { REPO_ROOT, ofKind } from '../src/manifests';
import { readSkaffoldConfig } from '../src/skaffold-config';
import { workloads } from '../src/workloads';
import { ALL_DEPLOYMENTS, describeWithKubectl, rendered } from './rendered';

const dockerfile = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const appArtifacts = readSkaffoldConfig().build.artifacts.filter((a) => a.docker.target);
const serviceArtifacts = appArtifacts.filter((a) => a.image !== WEB_CLIENT_IMAGE);
const clientArtifact = appArtifacts.find((a) => a.image === WEB_CLIENT_IMAGE)!;
const RUNTIME_USER = 10001;

/** The instructions of one stage, from its FROM line to the next FROM, comments left out. */
function stage(text: string, name: string): string {
  const match = new RegExp(`^FROM \\S+ AS ${name}$[\\s\\S]*?(?=^FROM |(?![\\s\\S]))`, 'm').exec(
    text,
  );
  if (!match) throw new Error(`no stage ${name}`);
  return match[0]
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .join('\n');
}

describe('the Dockerfiles', () => {
  it('of the apps are one file that differs only in the app name', () => {
    const [first, ...others] = serviceArtifacts.map((artifact) => ({
      app: artifact.image.replace('blog/', ''),
      text: dockerfile(artifact.docker.dockerfile),
    }));
    const template = first!.text.replace(`ARG APP=${first!.app}\n`, 'ARG APP=<app>\n');
    expect(template).toContain('ARG APP=<app>\n');
    for (const { app, text } of others) {
      expect({ app, text: text.replace(`ARG APP=${app}\n`, 'ARG APP=<app>\n') }).toEqual({
        app,
        text: template,
      });
    }
  });

  it("of the web client shares every stage but dev and runtime with the apps' file", () => {
    const template = dockerfile(serviceArtifacts[0]!.docker.dockerfile);
    const client = dockerfile(clientArtifact.docker.dockerfile);
    const app = (text: string) => /^ARG APP=(\S+)$/m.exec(text)?.[1];
    expect(app(client)).toBe('client');
    for (const name of ['base', 'deps', 'sources', 'build']) {
      expect({ name, stage: stage(client, name) }).toEqual({ name, stage: stage(template, name) });
    }
    expect(stage(client, 'dev')).toMatch(/^USER 10001:10001$/m);
  });

  it('share the base and dependency stages with the integration tests image, to the letter', () => {
    const app = dockerfile(appArtifacts[0]!.docker.dockerfile);
    const tests = dockerfile('apps/integration-tests/Dockerfile');
    for (const name of ['base', 'deps']) expect(stage(tests, name)).toBe(stage(app, name));
  });

  it.each(appArtifacts.map((a) => [a.image, a.docker.dockerfile]))(
    '%s: runs production as a numeric non-root user, node as PID 1, and no HEALTHCHECK',
    (_image, file) => {
      const runtime = stage(dockerfile(file), 'runtime');
      expect(runtime).toMatch(new RegExp(`^USER ${RUNTIME_USER}:${RUNTIME_USER}$`, 'm'));
      expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "main.js"\]$/m);
      expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
      expect(runtime).not.toMatch(/HEALTHCHECK/);
      expect(runtime).not.toMatch(/^(RUN|COPY) (?!--from=build)/m);
    },
  );
});

describeWithKubectl('the pods', () => {
  describe.each(ALL_DEPLOYMENTS)('%s', (name) => {
    const all = () => workloads(rendered(name));

    it('run as non-root with the runtime default seccomp profile and no API token', () => {
      for (const workload of all()) {
        const pod = workload.template.spec!;
        expect({ workload: workload.name, ...pod.securityContext }).toMatchObject({
          workload: workload.name,
          runAsNonRoot: true,
          runAsUser: expect.any(Number),
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(pod.securityContext!.runAsUser).toBeGreaterThan(0);
        expect({ workload: workload.name, token: pod.automountServiceAccountToken }).toEqual({
          workload: workload.name,
          token: false,
        });
      }
    });

    it('use the image user for the apps', () => {
      for (const workload of all().filter((w) => isAppImage(imageName(w.containers[0]!.image!)))) {
        expect(workload.template.spec!.securityContext!.runAsUser).toBe(RUNTIME_USER);
      }
    });

    it('drop every capability, never escalate, and set requests and limits', () => {
      for (const workload of all()) {
        for (const container of workload.containers) {
          const where = `${workload.name}/${container.name}`;
          expect({ where, ...container.securityContext }).toMatchObject({
            where,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          });
          expect({ where, ...container.resources }).toMatchObject({
            where,
            requests: { cpu: expect.anything(), memory: expect.anything() },
            limits: { cpu: expect.anything(), memory: expect.anything() },
          });
        }
      }
    });

    it('keep the root filesystem read-only, except the dev apps that Skaffold syncs into', () => {
      for (const workload of all()) {
        for (const container of workload.containers) {
          const synced = name.startsWith('dev') && workload.kind === 'Deployment';
          expect({
            workload: workload.name,
            readOnly: container.securityContext?.readOnlyRootFilesystem,
          }).toEqual({
            workload: workload.name,
            readOnly: !synced,
          });
        }
      }
    });

    it('have readiness, liveness and startup probes', () => {
      for (const workload of all()) {
        for (const container of workload.containers) {
          expect({
            where: workload.name,
            probes: [container.startupProbe, container.readinessProbe, container.livenessProbe].map(
              Boolean,
            ),
          }).toEqual({ where: workload.name, probes: [true, true, true] });
        }
      }
    });

    it('pin every third-party image to a version', () => {
      for (const workload of all()) {
        for (const { image } of workload.containers) {
          if (image!.startsWith('blog/')) continue;
          expect(image).toMatch(/^[\w./-]+:\d+\.\d+\.\d+[\w.-]*$/);
        }
      }
    });
  });

  it('prod: runs two replicas of every service, each with a disruption budget, at a fixed tag', () => {
    const objects = rendered('prod');
    const deployments = ofKind<{ spec: { replicas: number } }>(objects, 'Deployment');
    const budgets = ofKind<{ spec: { selector: { matchLabels: Record<string, string> } } }>(
      objects,
      'PodDisruptionBudget',
    );
    for (const deployment of deployments) {
      expect({ name: deployment.metadata.name, replicas: deployment.spec.replicas >= 2 }).toEqual({
        name: deployment.metadata.name,
        replicas: true,
      });
      const app = deployment.metadata.labels?.app;
      expect(budgets.map((budget) => budget.spec.selector.matchLabels.app)).toContain(app);
    }
    for (const workload of workloads(objects).filter((w) => w.kind === 'Deployment')) {
      expect(workload.containers[0]!.image).toMatch(/^blog\/[\w-]+:\d+\.\d+\.\d+$/);
    }
  });

  it('prod: leaves the MongoDB URLs to a Secret created outside of git', () => {
    expect(ofKind(rendered('prod'), 'Secret')).toEqual([]);
    expect(ofKind(rendered('dev'), 'Secret').map((secret) => secret.metadata.name)).toEqual([
      expect.stringMatching(/^mongo-urls-/),
    ]);
  });
});
