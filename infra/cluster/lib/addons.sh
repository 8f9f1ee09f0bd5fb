# The cluster's own images (no container registry is reachable, so each is a binary from
# tools/build.sh or Debian on an empty image) and the add-ons that use them: the pause sandbox,
# CoreDNS, the local-path StorageClass and kube-router's permissions.

VOLUMES_DIR=$CLUSTER_HOME/volumes

# import_image NAME FOLDER [--change ...]: FOLDER's files as the whole image NAME, pushed to
# the local registry. Nothing is built inside a container, so no build needs a network.
import_image() {
  local name=$1 folder=$2
  shift 2
  if docker image inspect "$name" >/dev/null 2>&1; then
    return 0
  fi
  tar -C "$folder" -c . | docker import "$@" - "$name" >/dev/null
  log "image $name"
}

# An image of one static binary, its entrypoint.
binary_image() {
  local name=$1 binary=$2
  local folder=$CLUSTER_HOME/images/${name##*/}
  folder=${folder%%:*}
  mkdir -p "$folder"
  cp "$binary" "$folder/"
  import_image "$name" "$folder" --change "ENTRYPOINT [\"/$(basename "$binary")\"]"
  docker push -q "$name" >/dev/null
}

load_cluster_images() {
  # The sandbox image goes straight into containerd: the kubelet needs it before any pull.
  local pause=$CLUSTER_HOME/images/pause
  mkdir -p "$pause"
  [[ -x $pause/pause ]] || gcc -Os -static -o "$pause/pause" "$CLUSTER_DIR/images/pause.c"
  import_image blog-ci.local/pause:3.10 "$pause" --change 'ENTRYPOINT ["/pause"]' \
    --change 'USER 65535:65535'
  if ! ctr -n k8s.io images ls -q | grep -qx blog-ci.local/pause:3.10; then
    docker save blog-ci.local/pause:3.10 | ctr -n k8s.io images import - >/dev/null
  fi

  binary_image "$REGISTRY/blog-ci/coredns:$COREDNS_VERSION" "$TOOL_coredns/bin/coredns"
  binary_image "$REGISTRY/blog-ci/local-path-provisioner:$LOCAL_PATH_PROVISIONER_VERSION" \
    "$TOOL_local_path_provisioner/bin/local-path-provisioner"

  # The provisioner's helper pods need a shell with mkdir and rm: Debian's static busybox.
  local busybox=$CLUSTER_HOME/images/busybox
  mkdir -p "$busybox/bin"
  cp /bin/busybox "$busybox/bin/busybox"
  local applet
  for applet in sh mkdir rm ls cat; do ln -sf busybox "$busybox/bin/$applet"; done
  import_image "$REGISTRY/blog-ci/busybox:static" "$busybox" --change 'ENV PATH=/bin' \
    --change 'CMD ["/bin/sh"]'
  docker push -q "$REGISTRY/blog-ci/busybox:static" >/dev/null
}

# manifest FILE: the add-on manifest with this cluster's values filled in.
manifest() {
  sed -e "s|COREDNS_VERSION|$COREDNS_VERSION|g" \
    -e "s|LOCAL_PATH_PROVISIONER_VERSION|$LOCAL_PATH_PROVISIONER_VERSION|g" \
    -e "s|DNS_SERVICE_IP|$DNS_SERVICE_IP|g" -e "s|VOLUMES_DIR|$VOLUMES_DIR|g" \
    "$CLUSTER_DIR/manifests/$1"
}

start_addons() {
  mkdir -p "$VOLUMES_DIR"
  manifest kube-router.yaml | kubectl apply -f - >/dev/null
  manifest coredns.yaml | kubectl apply -f - >/dev/null
  manifest local-path-storage.yaml | kubectl apply -f - >/dev/null
  kubectl -n kube-system rollout status deploy/coredns --timeout=180s >/dev/null
  kubectl -n local-path-storage rollout status deploy/local-path-provisioner --timeout=180s \
    >/dev/null
}
