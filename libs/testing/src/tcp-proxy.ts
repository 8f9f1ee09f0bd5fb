import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server, to stage outages: while refusing, it drops every
 * connection the moment it opens (and cuts the open ones), like a database that went away;
 * while silent, it takes connections and never answers, like a host that is not up yet.
 */
export class TcpProxy {
  private mode: 'accepting' | 'refusing' | 'silent' = 'refusing';
  /** Connections dropped because the proxy was refusing: attempts to reach the server. */
  refused = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('proxy has no port');
    const proxy = new TcpProxy(server, address.port);
    server.on('connection', (client) => proxy.pipe(client, target));
    return proxy;
  }

  accept(): void {
    this.mode = 'accepting';
  }

  refuse(): void {
    this.mode = 'refusing';
    for (const socket of this.sockets) socket.destroy();
  }

  /** Takes new connections and never answers on them (cut by `refuse` and `close`). */
  goSilent(): void {
    this.mode = 'silent';
  }

  async close(): Promise<void> {
    this.refuse();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private pipe(client: Socket, target: { host: string; port: number }): void {
    if (this.mode === 'refusing') {
      this.refused += 1;
      client.destroy();
      return;
    }
    if (this.mode === 'silent') {
      this.sockets.add(client);
      client.on('error', () => undefined);
      client.on('close', () => this.sockets.delete(client));
      return;
    }
    const upstream = connect(target.port, target.host);
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(socket);
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        this.sockets.delete(socket);
        other.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
