#!/usr/bin/env bash
# Builds the CI cluster's tools from the Go module proxy, each into its own cache folder keyed by
# its version and by the module files beside this script, and prints one "name=folder" line per
# tool. A tool whose folder is complete is not rebuilt, so only the first run on a machine pays
# for the builds (about 12 minutes on 2 cores, almost all of it Kubernetes and Skaffold).
#
# Usage: build.sh [tool ...]   (default: every tool; tools: kubernetes coredns skaffold
#                               local-path-provisioner kube-router nats-server)
set -euo pipefail

tools_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$tools_dir/versions.env"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/blog-microservices/cluster-tools"

if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="/usr/local/go/bin:$PATH"
fi

version_of() {
  case $1 in
    kubernetes) echo "$KUBERNETES_VERSION" ;;
    coredns) echo "$COREDNS_VERSION" ;;
    skaffold) echo "$SKAFFOLD_VERSION" ;;
    local-path-provisioner) echo "$LOCAL_PATH_PROVISIONER_VERSION" ;;
    kube-router) echo "$KUBE_ROUTER_VERSION" ;;
    nats-server) echo "$NATS_SERVER_VERSION" ;;
    *) echo "build.sh: unknown tool $1" >&2 && return 1 ;;
  esac
}

# The Go packages of a tool and the names of the binaries they make.
packages_of() {
  case $1 in
    kubernetes)
      printf 'k8s.io/kubernetes/cmd/%s\n' kube-apiserver kube-controller-manager kube-scheduler \
        kubelet kube-proxy kubectl
      ;;
    coredns) echo . ;;
    skaffold) echo github.com/GoogleContainerTools/skaffold/v2/cmd/skaffold ;;
    local-path-provisioner) echo github.com/rancher/local-path-provisioner ;;
    kube-router) echo github.com/cloudnativelabs/kube-router/v2/cmd/kube-router ;;
    nats-server) echo github.com/nats-io/nats-server/v2 ;;
  esac
}

# kubectl and the kubelet compare versions with the API server, and skaffold prints its own: a
# module build has no git metadata, so the versions go in by -X.
ldflags_of() {
  local tool=$1 version=$2 flags='-s -w' now
  now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  case $tool in
    kubernetes)
      local minor pkg
      minor="$(cut -d. -f2 <<<"$version")"
      for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
        flags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
        flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$now"
        flags+=" -X $pkg.gitCommit=0000000000000000000000000000000000000000"
      done
      ;;
    skaffold)
      local pkg=github.com/GoogleContainerTools/skaffold/v2/pkg/skaffold/version
      flags+=" -X $pkg.version=$version -X $pkg.gitCommit=none -X $pkg.buildDate=$now"
      ;;
  esac
  echo "$flags"
}

# The name a single-binary tool gets (go build names it after the package's last element).
binary_name_of() {
  case $1 in
    local-path-provisioner) echo local-path-provisioner ;;
    kube-router) echo kube-router ;;
    nats-server) echo nats-server ;;
    coredns) echo coredns ;;
    skaffold) echo skaffold ;;
  esac
}

build_tool() {
  local tool=$1 version key folder
  version="$(version_of "$tool")"
  key="$(cat "$tools_dir/$tool"/* | sha256sum | cut -c1-12)"
  folder="$cache_root/$tool-$version-$key"
  if [[ -f $folder/complete ]]; then
    echo "$tool=$folder"
    return 0
  fi
  local started=$SECONDS
  echo "build.sh: building $tool $version into $folder" >&2
  rm -rf "$folder.partial"
  mkdir -p "$folder.partial/bin"
  local -a packages
  mapfile -t packages < <(packages_of "$tool")
  local name
  name="$(binary_name_of "$tool")"
  (
    cd "$tools_dir/$tool"
    local output="$folder.partial/bin/"
    [[ -n $name ]] && output="$folder.partial/bin/$name"
    CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath \
      -ldflags "$(ldflags_of "$tool" "$version")" -o "$output" "${packages[@]}"
  )
  touch "$folder.partial/complete"
  rm -rf "$folder"
  mv "$folder.partial" "$folder"
  echo "build.sh: $tool built in $((SECONDS - started))s" >&2
  echo "$tool=$folder"
}

if (($# == 0)); then
  set -- kubernetes coredns skaffold local-path-provisioner kube-router nats-server
fi
for tool in "$@"; do
  build_tool "$tool"
done
