import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { isAllowed, type Endpoint } from './network-policy';

const pod = (name: string, namespace = 'ns', port = 80): Endpoint => ({
  name,
  namespace,
  labels: { app: name },
  ports: [{ port, protocol: 'TCP' }],
});
const web = pod('web');
const db = pod('db', 'ns', 5432);
const denyAll: INetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
};
const webToDb: INetworkPolicy[] = [
  denyAll,
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    spec: {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] }],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    spec: {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] },
      ],
    },
  },
];

describe('isAllowed', () => {
  it('allows everything when no policy selects the pods', () => {
    expect(isAllowed([], 'ns', { from: web, to: db, port: 5432, protocol: 'TCP' })).toBe(true);
  });

  it('denies everything under a default deny', () => {
    expect(isAllowed([denyAll], 'ns', { from: web, to: db, port: 5432, protocol: 'TCP' })).toBe(
      false,
    );
  });

  it('needs both the egress of the caller and the ingress of the callee', () => {
    const call = { from: web, to: db, port: 5432, protocol: 'TCP' };
    expect(isAllowed(webToDb, 'ns', call)).toBe(true);
    expect(isAllowed(webToDb.slice(0, 2), 'ns', call)).toBe(false);
    expect(isAllowed([denyAll, webToDb[2]!], 'ns', call)).toBe(false);
  });

  it('checks the port, the protocol, the direction and the namespace', () => {
    expect(isAllowed(webToDb, 'ns', { from: web, to: db, port: 5433, protocol: 'TCP' })).toBe(
      false,
    );
    expect(isAllowed(webToDb, 'ns', { from: web, to: db, port: 5432, protocol: 'UDP' })).toBe(
      false,
    );
    expect(isAllowed(webToDb, 'ns', { from: db, to: web, port: 80, protocol: 'TCP' })).toBe(false);
    const lookAlike = pod('web', 'other');
    expect(isAllowed(webToDb, 'ns', { from: lookAlike, to: db, port: 5432, protocol: 'TCP' })).toBe(
      false,
    );
  });
});
