import { existsSync } from 'node:fs';
import path from 'node:path';
import { startGateway, type Gateway } from './gateway';
import { formatLogLine, prefix } from './log-format';
import { describeExit, waitUntilReady } from './readiness';
import { inheritableEnv, localUrl, serviceEnv, type BackendUrls } from './service-env';
import { ServiceProcess, type ExitStatus } from './service-process';
import { DEFAULT_PORTS, SERVICES, type ServiceName, type StackPorts } from './services';

export interface StackOptions extends BackendUrls {
  /** Ports to listen on; missing ones are the defaults (4000-4005, gateway 8080). */
  ports?: Partial<StackPorts>;
  /** Extra environment for every service, e.g. BLOCKED_WORDS or the event-bus's delivery tuning. */
  env?: Record<string, string>;
  /** Receives the services' log lines, formatted and prefixed. Default: stdout. */
  output?: (line: string) => void;
  /** Called when a service ends without being asked to. Default: a loud line in the output. */
  onUnexpectedExit?: (service: ServiceName, status: ExitStatus) => void;
  /** Longest wait for a service to answer /readyz 200. */
  readyTimeoutMs?: number;
  /** Where the bundles are: `<distDir>/<app>/main.js`. Default: the workspace's `dist/apps`. */
  distDir?: string;
}

export interface StackUrls {
  posts: string;
  comments: string;
  query: string;
  moderation: string;
  eventBus: string;
  /** The public API, routed like the Kubernetes ingress. */
  gateway: string;
}

export interface Stack {
  readonly urls: StackUrls;
  readonly ports: StackPorts;
  /** Stops one service (SIGTERM: gracefully; SIGKILL: a crash) and waits until it is gone. */
  stopService(name: ServiceName, signal?: NodeJS.Signals): Promise<ExitStatus>;
  /** Starts a stopped service again on the same port and waits until it is ready. */
  startService(name: ServiceName): Promise<void>;
  restartService(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Stops the gateway, then every service, gracefully. Safe to call twice. */
  stop(): Promise<void>;
}

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/**
 * Starts the whole blog on this machine: the five services as separate Node processes from
 * their bundles (run `nx run-many -t build` first) and the gateway in front of them, which
 * also serves the web client's build when there is one. Resolves
 * once every service answers /readyz with 200.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const ports: StackPorts = { ...DEFAULT_PORTS, ...options.ports };
  const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
  const onUnexpectedExit =
    options.onUnexpectedExit ??
    ((service: ServiceName, status: ExitStatus) =>
      output(`${prefix(service)}!!! exited unexpectedly (${describeExit(status)})`));
  const distDir = options.distDir ?? path.join(WORKSPACE_ROOT, 'dist/apps');

  const processes = new Map(
    SERVICES.map((name) => {
      const bundle = path.join(distDir, name, 'main.js');
      if (!existsSync(bundle)) {
        throw new Error(`${bundle} is missing: build the apps first (npx nx run-many -t build)`);
      }
      const service = new ServiceProcess({
        name,
        bundle,
        env: {
          ...inheritableEnv(process.env),
          ...options.env,
          ...serviceEnv(name, ports, options),
        },
        onLine: (line) => output(formatLogLine(name, line)),
        onUnexpectedExit: (status) => onUnexpectedExit(name, status),
      });
      return [name, service] as const;
    }),
  );

  const siteDir = path.join(distDir, 'client/public');
  const gateway = await startGateway({
    port: ports.gateway,
    // Built by `npm start` with the apps; a stack started without it has no page at `/`.
    ...(existsSync(siteDir) ? { siteDir } : {}),
    upstreams: {
      posts: localUrl(ports.posts),
      comments: localUrl(ports.comments),
      query: localUrl(ports.query),
    },
    onUpstreamError: (service, error) =>
      output(`${prefix('gateway')}warn  ${service} did not answer: ${error.message}`),
  });
  const stack = new LocalStack(ports, processes, gateway, options.readyTimeoutMs ?? 60_000);
  try {
    await Promise.all(SERVICES.map((name) => stack.startService(name)));
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

class LocalStack implements Stack {
  readonly urls: StackUrls;
  private stopping?: Promise<void>;

  constructor(
    readonly ports: StackPorts,
    private readonly processes: ReadonlyMap<ServiceName, ServiceProcess>,
    private readonly gateway: Gateway,
    private readonly readyTimeoutMs: number,
  ) {
    this.urls = {
      posts: localUrl(ports.posts),
      comments: localUrl(ports.comments),
      query: localUrl(ports.query),
      moderation: localUrl(ports.moderation),
      eventBus: localUrl(ports['event-bus']),
      gateway: gateway.url,
    };
  }

  stopService(name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitStatus> {
    return this.process(name).stop(signal);
  }

  async startService(name: ServiceName): Promise<void> {
    const service = this.process(name);
    service.start();
    await waitUntilReady(name, localUrl(this.ports[name]), {
      timeoutMs: this.readyTimeoutMs,
      exited: service.exited,
    });
  }

  async restartService(name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.stopService(name, signal);
    await this.startService(name);
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.gateway.close();
      await Promise.all([...this.processes.values()].map((service) => service.stop()));
    })();
    return this.stopping;
  }

  private process(name: ServiceName): ServiceProcess {
    const service = this.processes.get(name);
    if (!service) throw new Error(`No service named ${name}`);
    return service;
  }
}
