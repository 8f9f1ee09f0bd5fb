# The node's runtimes: containerd (CRI, for the kubelet), a local image registry, dockerd (the
# image builder Skaffold uses) and the egress guard. Sourced by cluster.sh after common.sh.

start_runtime() {
  sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 \
    net.bridge.bridge-nf-call-ip6tables=1
  if ! ip link show "$NODE_BRIDGE" >/dev/null 2>&1; then
    ip link add "$NODE_BRIDGE" type bridge
    ip addr add "$NODE_IP/32" dev "$NODE_BRIDGE"
    ip link set "$NODE_BRIDGE" up
  fi
  guard_egress
  start_containerd
  start_registry
  start_dockerd
}

# Nothing a pod sends may leave this machine. Set up before the first pod starts:
# - a packet that comes in on the pod bridge may only go out on the pod bridge (its own nftables
#   table at a priority before every other filter, so rules that kube-proxy, kube-router or
#   anything else add later cannot let it through);
# - the Service range is routed to the node's own empty bridge, so a ClusterIP without a
#   kube-proxy rule (a Service just deleted, a stale DNS answer) goes nowhere instead of
#   following the default route, while this machine can still reach Services through
#   kube-proxy's rules (a blackhole route would refuse the host's connections before them);
# - the CNI bridge does no masquerading (see node.sh).
guard_egress() {
  nft -f - <<EOF
table inet blog_ci_egress
delete table inet blog_ci_egress
table inet blog_ci_egress {
  chain forward {
    type filter hook forward priority -300; policy accept;
    iifname "$POD_BRIDGE" oifname != "$POD_BRIDGE" meta l4proto tcp counter reject with tcp reset
    iifname "$POD_BRIDGE" oifname != "$POD_BRIDGE" counter reject
  }
}
EOF
  ip route replace "$SERVICE_CIDR" dev "$NODE_BRIDGE" src "$NODE_IP"
}

start_containerd() {
  mkdir -p /etc/containerd/certs.d/$REGISTRY
  cat >/etc/containerd/certs.d/$REGISTRY/hosts.toml <<EOF
server = "http://$REGISTRY"
[host."http://$REGISTRY"]
  capabilities = ["pull", "resolve", "push"]
EOF
  cat >"$CONF/containerd.toml" <<EOF
version = 2
root = "/var/lib/containerd"
state = "/run/containerd"
[grpc]
  address = "/run/containerd/containerd.sock"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "blog-ci.local/pause:3.10"
  enable_unprivileged_ports = true
  # Root here lacks CAP_SYS_RESOURCE, so runc cannot give the sandbox the negative
  # oom_score_adj the kubelet asks for; without this every pod sandbox fails to start.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CONF/cni"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "/etc/containerd/certs.d"
EOF
  start_daemon containerd containerd --config "$CONF/containerd.toml"
  wait_for 30 ctr version
}

# Debian's docker-registry on loopback, no authentication: Skaffold pushes to it and containerd
# pulls from it over plain HTTP (hosts.toml above).
start_registry() {
  mkdir -p /var/lib/blog-cluster-registry
  cat >"$CONF/registry.yml" <<EOF
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: /var/lib/blog-cluster-registry }
  delete: { enabled: true }
http:
  addr: 127.0.0.1:5000
EOF
  start_daemon registry docker-registry serve "$CONF/registry.yml"
  wait_for 30 curl -sf "http://$REGISTRY/v2/"
}

# dockerd on the same containerd. It builds images only, always on the host's network (the
# Skaffold profile sets network: host, because npm ci needs the package registry), so it needs
# no bridge and no iptables rules of its own.
start_dockerd() {
  start_daemon dockerd dockerd --containerd=/run/containerd/containerd.sock \
    --storage-driver=overlay2 --bridge=none --iptables=false --ip6tables=false \
    --insecure-registry=$REGISTRY --exec-root=/run/blog-cluster-docker \
    --pidfile=/run/blog-cluster-docker.pid
  wait_for 60 docker info
}
