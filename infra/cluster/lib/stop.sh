# Stopping the cluster: every daemon by the PID start_daemon wrote down, in the reverse order of
# start, after the pods' containers are gone (so no containerd shim outlives it), then the
# network state it made. Runs whatever state the cluster is in: after a failed start as well.

stop_daemon() {
  local name=$1 pid_file=$RUN/$1.pid pid
  [[ -f $pid_file ]] || return 0
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited < 60)); do
      sleep 0.5
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$pid_file"
}

is_running() { [[ -f $RUN/$1.pid ]] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

remove_pod_containers() {
  is_running containerd || return 0
  local task container
  for task in $(ctr -n k8s.io tasks ls -q 2>/dev/null); do
    ctr -n k8s.io tasks kill -s KILL "$task" >/dev/null 2>&1
  done
  sleep 1
  for task in $(ctr -n k8s.io tasks ls -q 2>/dev/null); do
    ctr -n k8s.io tasks delete -f "$task" >/dev/null 2>&1
  done
  for container in $(ctr -n k8s.io containers ls -q 2>/dev/null); do
    ctr -n k8s.io containers delete "$container" >/dev/null 2>&1
  done
}

stop_cluster() {
  stop_daemon kube-router
  # Removes its iptables rules and ipsets. (It then panics cleaning up the service proxy it
  # never ran, after the part that matters here; hence no check of its exit code.)
  if command -v kube-router >/dev/null; then kube-router --cleanup-config >/dev/null 2>&1 || true; fi
  stop_daemon kube-proxy
  if command -v kube-proxy >/dev/null; then kube-proxy --cleanup >/dev/null 2>&1 || true; fi
  stop_daemon kubelet
  remove_pod_containers
  stop_daemon kube-scheduler
  stop_daemon kube-controller-manager
  stop_daemon kube-apiserver
  stop_daemon etcd
  stop_daemon dockerd
  stop_daemon registry
  stop_daemon containerd

  # What the kubelet, containerd and the CNI plugins leave mounted or configured, ours only.
  local mount_point netns
  while read -r mount_point; do
    umount "$mount_point" 2>/dev/null || true
  done < <(awk '$2 ~ "^(/run/containerd/|/var/lib/kubelet/pods/|/run/blog-cluster-docker)" {print $2}' \
    /proc/mounts | sort -r)
  for netns in /run/netns/cni-*; do
    if [[ -e $netns ]]; then
      umount "$netns" 2>/dev/null || true
      rm -f "$netns"
    fi
  done
  local self_mount
  for self_mount in /var/lib/kubelet /run/netns; do
    if mountpoint -q "$self_mount"; then umount "$self_mount" || true; fi
  done
  # Each may be gone already: a failed start stops whatever part of this exists.
  ip link del "$POD_BRIDGE" 2>/dev/null || true
  ip link del "$NODE_BRIDGE" 2>/dev/null || true
  ip route del "$SERVICE_CIDR" 2>/dev/null || true
  nft delete table inet blog_ci_egress 2>/dev/null || true
}

# The cluster's state, so the next start is a new cluster. Images, the registry and the
# certificates stay: they are the cache that makes a warm start take seconds.
wipe_cluster_state() {
  rm -rf "$ETCD_DATA" "$CLUSTER_HOME/volumes" "$CLUSTER_HOME/cni-ipam" /var/lib/kubelet
}
