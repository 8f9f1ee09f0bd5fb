#!/usr/bin/env bash
# A single-node Kubernetes for CI and for any Linux machine without Docker Desktop or kind:
# Kubernetes v1.34 built from its Go module, Debian's etcd, containerd and CNI plugins, CoreDNS,
# a local image registry, a default StorageClass and a NetworkPolicy enforcer. Run as root.
#
#   cluster.sh up      start it (builds the tools the first time, ~12 min; then ~1 min)
#   cluster.sh down    stop every process it started, by PID, and forget the cluster's state
#   cluster.sh env     print the exports that point kubectl and skaffold at it
#   cluster.sh status  what runs
#
# See README.md beside this script for what it is and what it is not.
set -Eeuo pipefail

lib="$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)"
# shellcheck source=lib/common.sh
source "$lib/common.sh"
for part in runtime pki control-plane node addons stop; do
  # shellcheck source=/dev/null
  source "$lib/$part.sh"
done

# timed STEP COMMAND...: runs a step and says how long it took.
timed() {
  local step=$1 started=$SECONDS
  shift
  "$@"
  log "$step: $((SECONDS - started))s"
}

up() {
  local started=$SECONDS
  timed 'tools' use_tools
  # A start after an unclean stop (a killed CI job) begins from nothing.
  stop_cluster
  wipe_cluster_state
  trap 'log "start failed: stopping what started"; stop_cluster' ERR
  timed 'runtimes' start_runtime
  timed 'certificates' make_pki
  timed 'control plane' start_control_plane
  timed 'images' load_cluster_images
  timed 'node' start_node
  timed 'network policies' start_network_policy_enforcer
  timed 'add-ons' start_addons
  trap - ERR
  log "cluster ready in $((SECONDS - started))s: $(kubectl get node "$NODE_NAME" --no-headers)"
}

down() {
  local started=$SECONDS
  stop_cluster
  wipe_cluster_state
  log "cluster stopped in $((SECONDS - started))s"
}

print_env() {
  use_tools 2>/dev/null
  printf 'export KUBECONFIG=%q\nexport PATH=%q\n' "$KUBECONFIG" "$PATH"
}

status() {
  local pid_file name
  for pid_file in "$RUN"/*.pid; do
    [[ -e $pid_file ]] || continue
    name=$(basename "$pid_file" .pid)
    if is_running "$name"; then echo "$name: running (pid $(cat "$pid_file"))"; else echo "$name: dead"; fi
  done
}

case ${1:-} in
  up) up ;;
  down) down ;;
  env) print_env ;;
  status) status ;;
  *)
    sed -n '2,11p' "$0" >&2
    exit 2
    ;;
esac
