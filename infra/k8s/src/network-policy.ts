import type { ILabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';

/** A pod as NetworkPolicy sees it: its labels, its namespace, the ports it listens on. */
export interface Endpoint {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ports: { port: number; protocol: 'TCP' | 'UDP'; name?: string }[];
}

export interface Connection {
  from: string;
  to: string;
  port: number;
  protocol: 'TCP' | 'UDP';
}

export function connectionKey({ from, to, port, protocol }: Connection): string {
  return `${from} -> ${to}:${port}/${protocol}`;
}

export function selects(selector: ILabelSelector | undefined, labels: Record<string, string>) {
  if (!selector) return true;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every(
    ({ key, operator, values = [] }) => {
      const value = labels[key];
      switch (operator) {
        case 'In':
          return value !== undefined && values.includes(value);
        case 'NotIn':
          return value === undefined || !values.includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
        default:
          throw new Error(`unknown selector operator ${operator}`);
      }
    },
  );
  return byLabels && byExpressions;
}

/** The standard label every namespace has, which is what namespaceSelectors match here. */
const namespaceLabels = (namespace: string) => ({ 'kubernetes.io/metadata.name': namespace });

function peerMatches(peer: INetworkPolicyPeer, policyNamespace: string, pod: Endpoint): boolean {
  if (peer.ipBlock) throw new Error('ipBlock peers are not evaluated by this check');
  if (peer.namespaceSelector) {
    return (
      selects(peer.namespaceSelector, namespaceLabels(pod.namespace)) &&
      selects(peer.podSelector, pod.labels)
    );
  }
  return pod.namespace === policyNamespace && selects(peer.podSelector, pod.labels);
}

function portMatches(
  ports: INetworkPolicyPort[] | undefined,
  target: Endpoint,
  port: number,
  protocol: string,
): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((rule) => {
    if ((rule.protocol ?? 'TCP') !== protocol) return false;
    if (rule.port === undefined) return true;
    const number =
      typeof rule.port === 'number'
        ? rule.port
        : target.ports.find((p) => p.name === rule.port)?.port;
    return number !== undefined && port >= number && port <= (rule.endPort ?? number);
  });
}

function policyTypes(policy: INetworkPolicy): string[] {
  return policy.spec?.policyTypes ?? (policy.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
}

/**
 * Whether Kubernetes lets `from` open `to:port`, following the NetworkPolicy rules: a pod that
 * no policy of its kind (Ingress/Egress) selects is open; otherwise some rule of a policy that
 * selects it must allow the peer and the port, on both sides. `policies` all live in `namespace`.
 */
export function isAllowed(
  policies: INetworkPolicy[],
  namespace: string,
  { from, to, port, protocol }: { from: Endpoint; to: Endpoint; port: number; protocol: string },
): boolean {
  const governing = (pod: Endpoint, type: string) =>
    pod.namespace === namespace
      ? policies.filter(
          (policy) =>
            policyTypes(policy).includes(type) && selects(policy.spec?.podSelector, pod.labels),
        )
      : undefined;

  const egressPolicies = governing(from, 'Egress');
  const egressOk =
    !egressPolicies ||
    egressPolicies.length === 0 ||
    egressPolicies.some((policy) =>
      (policy.spec?.egress ?? []).some(
        (rule) =>
          (!rule.to ||
            rule.to.length === 0 ||
            rule.to.some((peer) => peerMatches(peer, namespace, to))) &&
          portMatches(rule.ports, to, port, protocol),
      ),
    );

  const ingressPolicies = governing(to, 'Ingress');
  const ingressOk =
    !ingressPolicies ||
    ingressPolicies.length === 0 ||
    ingressPolicies.some((policy) =>
      (policy.spec?.ingress ?? []).some(
        (rule) =>
          (!rule.from ||
            rule.from.length === 0 ||
            rule.from.some((peer) => peerMatches(peer, namespace, from))) &&
          portMatches(rule.ports, to, port, protocol),
      ),
    );
  return egressOk && ingressOk;
}

/** Every connection the policies allow between the given pods, on the ports they listen on. */
export function allowedConnections(
  policies: INetworkPolicy[],
  namespace: string,
  endpoints: Endpoint[],
): Connection[] {
  const allowed: Connection[] = [];
  for (const from of endpoints) {
    for (const to of endpoints) {
      if (from === to) continue;
      for (const { port, protocol } of to.ports) {
        if (isAllowed(policies, namespace, { from, to, port, protocol })) {
          allowed.push({ from: from.name, to: to.name, port, protocol });
        }
      }
    }
  }
  return allowed;
}
