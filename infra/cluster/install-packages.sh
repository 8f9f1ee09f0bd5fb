#!/usr/bin/env bash
# The Debian packages the CI cluster runs on (Debian 12 / Ubuntu 22.04+, as root). Go 1.24+ must
# be installed too: tools/build.sh builds Kubernetes, CoreDNS, Skaffold, the provisioner,
# kube-router and nats-server from the Go module proxy.
set -euo pipefail
packages=(containerd containernetworking-plugins runc etcd-server docker.io docker-registry
  iptables ipset nftables conntrack socat ebtables ethtool kmod openssl curl debootstrap
  busybox-static gcc libc6-dev)
if dpkg -s "${packages[@]}" >/dev/null 2>&1; then
  echo "already installed: ${packages[*]}"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${packages[@]}"
