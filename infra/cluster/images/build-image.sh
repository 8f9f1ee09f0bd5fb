#!/usr/bin/env bash
# The images the ci-cluster profile of skaffold.yaml swaps in for those a machine without a
# container registry cannot pull:
#   build-image.sh node-base   the node image: debootstrap Debian + this machine's Node and npm,
#                              pushed to the local registry; prints its name, which the profile
#                              reads from BLOG_NODE_IMAGE. Run it before Skaffold: the Dockerfiles
#                              start FROM it, and Skaffold reads that image before any build.
#   build-image.sh mongodb     the mongo image: FerretDB (images/mongodb), on $BLOG_NODE_IMAGE
#   build-image.sh nats        the nats image: nats-server at the pinned version (images/nats)
# The last two are Skaffold custom artifacts: Skaffold sets IMAGE (the tag) and PUSH_IMAGE.
set -euo pipefail

images_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$images_dir/../../.." && pwd)"
registry=${REGISTRY:-localhost:5000}
# Debian's docker 20.10 CLI uses dockerd's own BuildKit; the docker 28 CLI would need buildx.
docker=/usr/bin/docker
[[ -x $docker ]] || docker=docker

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT

: "${IMAGE:=}"
case ${1:-} in
  node-base)
    # Named after the archive, whose name changes with every input (node-base-archive.ts).
    archive="$(cd "$repo" && npx --no-install tsx infra/cluster/images/node-base-archive.ts)"
    IMAGE="$registry/blog-node-base:$(basename "$archive" .tar)"
    PUSH_IMAGE=true
    if ! "$docker" image inspect "$IMAGE" >/dev/null 2>&1; then
      "$docker" import --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
        --change 'CMD ["node"]' "$archive" "$IMAGE" >/dev/null
    fi
    ;;
  mongodb)
    cp "$images_dir/mongodb/Dockerfile" "$images_dir/mongodb/mongod" "$context/"
    cp "$(bash "$repo/infra/ci/build-ferretdb.sh" | tail -n 1)" "$context/ferretdb"
    DOCKER_BUILDKIT=1 "$docker" build --quiet \
      --build-arg "NODE_IMAGE=${BLOG_NODE_IMAGE:?build the node base first: build-image.sh node-base}" \
      --tag "$IMAGE" "$context" >/dev/null
    ;;
  nats)
    cp "$images_dir/nats/Dockerfile" "$context/"
    tools="$(bash "$images_dir/../tools/build.sh" nats-server)"
    cp "${tools#nats-server=}/bin/nats-server" "$context/"
    DOCKER_BUILDKIT=1 "$docker" build --quiet --tag "$IMAGE" "$context" >/dev/null
    ;;
  *)
    sed -n '2,11p' "$0" >&2
    exit 2
    ;;
esac

if [[ ${PUSH_IMAGE:-false} == true ]]; then
  "$docker" push "$IMAGE" >/dev/null
fi
echo "$IMAGE"
