# The node: the CNI bridge network, the kubelet, kube-proxy (iptables mode) and kube-router as
# the NetworkPolicy enforcer, all processes on this machine.

start_node() {
  mkdir -p "$CONF/cni" /var/lib/kubelet
  # No masquerading: pod traffic keeps its pod address, so the egress guard (runtime.sh) sees
  # exactly what leaves the bridge.
  cat >"$CONF/cni/10-blog-ci.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "blog-ci",
  "plugins": [
    {
      "type": "bridge", "bridge": "$POD_BRIDGE", "isGateway": true, "ipMasq": false,
      "hairpinMode": true,
      "ipam": { "type": "host-local", "ranges": [[{ "subnet": "$POD_CIDR" }]],
                "routes": [{ "dst": "0.0.0.0/0" }], "dataDir": "$CLUSTER_HOME/cni-ipam" }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
  # Kubernetes 1.34 refuses cgroup v1 unless told (failCgroupV1); 1.35 refuses it for good.
  cat >"$CONF/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
healthzBindAddress: 127.0.0.1
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $PKI/ca.crt }
authorization: { mode: Webhook }
tlsCertFile: $PKI/kubelet-serving.crt
tlsPrivateKeyFile: $PKI/kubelet-serving.key
cgroupDriver: cgroupfs
failCgroupV1: false
containerRuntimeEndpoint: unix:///run/containerd/containerd.sock
clusterDNS: [$DNS_SERVICE_IP]
clusterDomain: cluster.local
resolvConf: ""
failSwapOn: false
serializeImagePulls: false
imageGCHighThresholdPercent: 100
evictionHard: { memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1% }
podPidsLimit: 4096
maxPods: 110
EOF
  start_daemon kubelet kubelet --config="$CONF/kubelet.yaml" \
    --kubeconfig="$CONF/kubelet.kubeconfig" --hostname-override="$NODE_NAME" \
    --node-ip="$NODE_IP" --root-dir=/var/lib/kubelet -v=1

  cat >"$CONF/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: { kubeconfig: $CONF/kube-proxy.kubeconfig }
mode: iptables
clusterCIDR: $POD_CIDR
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
conntrack: { maxPerCore: 0 }
EOF
  start_daemon kube-proxy kube-proxy --config="$CONF/kube-proxy.yaml"
  wait_for 120 node_is_ready
}

node_is_ready() {
  kubectl get node "$NODE_NAME" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' | grep -q True
}

# kube-router with only its firewall on: it turns NetworkPolicies into iptables rules and ipsets
# for the pods of this node. Routing and the service proxy stay with the bridge and kube-proxy.
start_network_policy_enforcer() {
  start_daemon kube-router kube-router --kubeconfig="$CONF/kube-router.kubeconfig" \
    --hostname-override="$NODE_NAME" --run-firewall=true --run-router=false \
    --run-service-proxy=false --enable-cni=false --metrics-port=0 \
    --health-port=20244 --service-cluster-ip-range="$SERVICE_CIDR"
  wait_for 60 curl -sf http://127.0.0.1:20244/healthz
}
