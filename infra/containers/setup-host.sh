#!/usr/bin/env bash
# Installs what the container test needs on a Debian/Ubuntu machine (run as root): podman with
# runc, buildah, debootstrap for the local base image, nats-server for the NATS test image.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends podman buildah runc debootstrap nats-server ca-certificates
