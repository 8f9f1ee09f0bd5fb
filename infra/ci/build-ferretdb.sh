#!/usr/bin/env bash
# Builds infra/ci/ferretdb (FerretDB on SQLite, the MongoDB that tests use where mongod cannot be
# installed) into a per-user cache, once, and prints the binary's path on stdout. `npm test` looks
# for the binary at that path. A rebuild happens only when the source changes, so CI runs on the
# same machine reuse it. Needs Go and the Go module proxy the first time.
set -euo pipefail

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/ferretdb" && pwd)"
version="$(awk '$1 == "require" && $2 == "github.com/FerretDB/FerretDB" { print $3 }' "$source_dir/go.mod")"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/blog-microservices/ferretdb-$version"
binary="$cache_dir/ferretdb"

# The binary is reused only if it was built from these exact sources.
source_hash="$(cat "$source_dir/main.go" "$source_dir/go.mod" "$source_dir/go.sum" | sha256sum | cut -d' ' -f1)"
stamp="$cache_dir/source.sha256"

if [[ -x "$binary" && -f "$stamp" && "$(cat "$stamp")" == "$source_hash" ]]; then
  echo "$binary"
  exit 0
fi

if ! command -v go >/dev/null; then
  echo "build-ferretdb: Go is needed to build FerretDB (https://go.dev/doc/install)" >&2
  exit 1
fi

echo "build-ferretdb: building FerretDB $version into $cache_dir (first time: a few minutes)" >&2
mkdir -p "$cache_dir"
# Build beside the target and rename, so an interrupted build never leaves a broken binary.
(cd "$source_dir" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -o "$binary.partial" .)
mv "$binary.partial" "$binary"
echo "$source_hash" >"$stamp"
echo "$binary"
