import { baseConfigShape, createService } from '@blog/service-kit';
import request from 'supertest';
import { APP_DEFINITIONS, imageName, isAppImage } from '../src/app-definitions';
import { podEnvironment, portOf, urlsIn } from '../src/pod-environment';
import { backendOf, services, targetContainerPort, workloads } from '../src/workloads';
import { ALL_DEPLOYMENTS, describeWithKubectl, rendered } from './rendered';
import { prodSecrets } from './prod-secrets';

const environments = (name: (typeof ALL_DEPLOYMENTS)[number]) => {
  const objects = rendered(name);
  return workloads(objects).flatMap((workload) =>
    workload.containers.map((container) => ({
      workload,
      container,
      env: podEnvironment(container, objects, prodSecrets()),
    })),
  );
};

describeWithKubectl('the manifests fit together and fit the code', () => {
  describe.each(ALL_DEPLOYMENTS)('%s', (name) => {
    it('gives every Service exactly one workload and a container port for each port', () => {
      const objects = rendered(name);
      for (const service of services(objects)) {
        const backends = backendOf(service, workloads(objects));
        expect({ service: service.metadata.name, backends: backends.length }).toEqual({
          service: service.metadata.name,
          backends: 1,
        });
        for (const port of service.spec?.ports ?? []) {
          expect(targetContainerPort(port.targetPort, port.port, backends[0]!)).toBeDefined();
        }
      }
    });

    it('starts every container with all its ConfigMap and Secret values present', () => {
      expect(() => environments(name)).not.toThrow();
    });

    it('points every URL in the configuration at an existing Service and port', () => {
      const objects = rendered(name);
      for (const { workload, env } of environments(name)) {
        for (const [variable, value] of Object.entries(env)) {
          for (const url of urlsIn(value)) {
            const service = services(objects).find((s) => s.metadata.name === url.hostname);
            const where = `${workload.name} ${variable}: ${url.href}`;
            expect({ where, service: service?.metadata.name }).toEqual({
              where,
              service: url.hostname,
            });
            const ports = service!.spec?.ports?.map((port) => port.port);
            expect({ where, ports }).toEqual({
              where,
              ports: expect.arrayContaining([portOf(url)]),
            });
          }
        }
      }
    });

    it('sets only variables the app reads, and listens where the Service sends traffic', () => {
      for (const { container, env } of environments(name)) {
        const image = imageName(container.image ?? '');
        if (!isAppImage(image)) continue;
        const definition = APP_DEFINITIONS[image];
        const known = [...Object.keys(baseConfigShape(0)), ...Object.keys(definition.config)];
        expect({ image, unknown: Object.keys(env).filter((key) => !known.includes(key)) }).toEqual({
          image,
          unknown: [],
        });
        const listensOn = env.PORT ? Number(env.PORT) : definition.defaultPort;
        expect(container.ports?.map((port) => port.containerPort)).toEqual([listensOn]);
      }
    });

    it('lets the pods finish their graceful shutdown before Kubernetes kills them', () => {
      for (const { workload, container, env } of environments(name)) {
        if (!isAppImage(imageName(container.image ?? ''))) continue;
        const shutdownSeconds =
          (Number(env.SHUTDOWN_DELAY_MS ?? 0) + Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000)) / 1000;
        // The dev image's tsx watch kills the app 5 s after asking it to stop: no delay there
        // (one replica has nowhere to send traffic meanwhile); prod waits for its endpoints.
        if (name.startsWith('dev')) expect(Number(env.SHUTDOWN_DELAY_MS)).toBe(0);
        else expect(Number(env.SHUTDOWN_DELAY_MS)).toBeGreaterThan(0);
        expect(workload.template.spec?.terminationGracePeriodSeconds).toBeGreaterThan(
          shutdownSeconds,
        );
      }
    });
  });

  it('probes only paths the apps serve', async () => {
    for (const { container } of environments('dev')) {
      const image = imageName(container.image ?? '');
      if (!isAppImage(image)) continue;
      const service = await createService(APP_DEFINITIONS[image] as never, {
        PORT: '0',
        LOG_LEVEL: 'silent',
      });
      try {
        for (const probe of [
          container.startupProbe,
          container.readinessProbe,
          container.livenessProbe,
        ]) {
          const path = probe?.httpGet?.path;
          expect({ image, path }).toEqual({ image, path: expect.any(String) });
          const response = await request(service.app).get(path!);
          // 503 is an answer too (not ready yet); a path the app lacks is a 404.
          const served = response.status === 404 ? 'missing' : 'served';
          expect({ image, path, served }).toEqual({ image, path, served: 'served' });
        }
      } finally {
        await service.stop();
      }
    }
  });
});
