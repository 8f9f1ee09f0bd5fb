# Settings and helpers shared by the cluster scripts (sourced, not run).
# Everything the cluster writes lives under CLUSTER_HOME (state, certificates, logs, PID files)
# or in the runtimes' own folders under /var/lib; the tools come from tools/build.sh's cache.

CLUSTER_HOME=${CLUSTER_HOME:-/var/lib/blog-cluster}
CONF=$CLUSTER_HOME/conf
PKI=$CLUSTER_HOME/pki
LOGS=$CLUSTER_HOME/logs
RUN=$CLUSTER_HOME/run
ETCD_DATA=$CLUSTER_HOME/etcd
CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../tools/versions.env
source "$CLUSTER_DIR/tools/versions.env"

# The node's address sits on a bridge of its own (this kernel has no dummy interface), so no
# cluster traffic ever needs the machine's real network interface.
NODE_BRIDGE=blog-node0
NODE_IP=172.30.0.1
NODE_NAME=blog-ci-node
POD_CIDR=10.244.0.0/24
SERVICE_CIDR=10.96.0.0/16
KUBERNETES_SERVICE_IP=10.96.0.1
DNS_SERVICE_IP=10.96.0.10
REGISTRY=localhost:5000
POD_BRIDGE=cni0

mkdir -p "$CONF" "$PKI" "$LOGS" "$RUN"
export KUBECONFIG=$CONF/admin.kubeconfig

log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Puts the tools built by tools/build.sh on PATH (building any that are missing).
use_tools() {
  local built line name folder
  built="$(bash "$CLUSTER_DIR/tools/build.sh")"
  while IFS= read -r line; do
    name=${line%%=*}
    folder=${line#*=}
    PATH="$folder/bin:$PATH"
    printf -v "TOOL_${name//-/_}" '%s' "$folder"
  done <<<"$built"
  export PATH
}

# start_daemon NAME COMMAND...: runs COMMAND detached in its own session, its PID in
# $RUN/NAME.pid and its output in $LOGS/NAME.log. stop.sh stops it by that PID.
start_daemon() {
  local name=$1
  shift
  local pid_file=$RUN/$name.pid
  if [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "$name already running (pid $(cat "$pid_file"))"
    return 0
  fi
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$pid_file"
  log "started $name (pid $!)"
}

# wait_for SECONDS COMMAND...: retries COMMAND once a second until it succeeds.
wait_for() {
  local seconds=$1
  shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "gave up after ${seconds}s waiting for: $*"
      return 1
    fi
    sleep 1
  done
}
