#!/usr/bin/env bash
# Lints beside the Go tests: staticcheck, actionlint (with shellcheck), the Dockerfile, and
# docs/inputs.md against action.yml. Run by .ci/run and by the lint job of ci.yml. Tools are
# pinned here and cached per version under $STELVIO_TOOLS_DIR (default ~/.cache/stelvio-action-tools).
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_VERSION=v1.7.12      # github.com/rhysd/actionlint
STATICCHECK_VERSION=v0.8.2      # honnef.co/go/tools, release 2026.2.2, needs Go >= 1.26
DOCKERFILELINT_VERSION=1.8.0    # npm dockerfilelint: best-practice rules
DOCKERFILE_UTILS_VERSION=0.16.3 # npm dockerfile-utils: syntax, instruction and flag validation

tools="${STELVIO_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stelvio-action-tools}"

# go_tool NAME PACKAGE VERSION prints the path of the installed binary, building it once per
# version and Go release (a tool built by an older Go may refuse newer module files).
go_tool() {
  local dir
  dir="$tools/go/$1-$3-$(go env GOVERSION)"
  if [ ! -x "$dir/$1" ]; then
    GOBIN="$dir" GOFLAGS=-mod=mod go install "$2@$3" >&2
  fi
  echo "$dir/$1"
}

# Every default check, U1000 (unused code) included.
STATICCHECK_CHECKS="inherit"

echo "== staticcheck $STATICCHECK_VERSION (-checks $STATICCHECK_CHECKS)"
"$(go_tool staticcheck honnef.co/go/tools/cmd/staticcheck "$STATICCHECK_VERSION")" -checks "$STATICCHECK_CHECKS" ./...

echo "== actionlint $ACTIONLINT_VERSION"
if ! command -v shellcheck >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  # actionlint checks `run:` scripts with shellcheck when it is on PATH.
  apt-get install -y -qq shellcheck >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq shellcheck >/dev/null 2>&1; } || true
fi
command -v shellcheck >/dev/null || echo "notice: shellcheck not found; run: scripts are not checked"
mapfile -t workflows < <(find .github/workflows examples \( -path '.github/workflows/*' -o -path '*/.github/workflows/*' \) \
  \( -name '*.yml' -o -name '*.yaml' \) | sort)
[ "${#workflows[@]}" -gt 0 ] || { echo "no workflow files found"; exit 1; }
printf '  %s\n' "${workflows[@]}"
"$(go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION")" -no-color "${workflows[@]}"

echo "== Dockerfile (dockerfilelint $DOCKERFILELINT_VERSION, dockerfile-utils $DOCKERFILE_UTILS_VERSION)"
npmdir="$tools/npm/dockerfile-lint-$DOCKERFILELINT_VERSION-$DOCKERFILE_UTILS_VERSION"
if [ ! -x "$npmdir/node_modules/.bin/dockerfilelint" ] || [ ! -x "$npmdir/node_modules/.bin/dockerfile-utils" ]; then
  mkdir -p "$npmdir"
  npm install --prefix "$npmdir" --no-audit --no-fund --silent \
    "dockerfilelint@$DOCKERFILELINT_VERSION" "dockerfile-utils@$DOCKERFILE_UTILS_VERSION"
fi
"$npmdir/node_modules/.bin/dockerfilelint" Dockerfile
"$npmdir/node_modules/.bin/dockerfile-utils" lint Dockerfile

echo "== static musl build, as the Dockerfile's build stage does it"
if ! command -v musl-gcc >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq musl-tools >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq musl-tools >/dev/null 2>&1; } || true
fi
if command -v musl-gcc >/dev/null; then
  # Build from what the image build sees: the files .dockerignore lets through (go.mod, go.sum,
  # cmd/, internal/, without tests and testdata), so an embed of an excluded file fails here.
  ctx="$(mktemp -d)"
  git ls-files go.mod go.sum cmd internal | grep -v -e '_test\.go$' -e '/testdata/' | tar -cf - -T - | tar -xf - -C "$ctx"
  # Keep these flags identical to the Dockerfile's `go build`.
  (cd "$ctx" && CGO_ENABLED=1 CC=musl-gcc go build -trimpath -tags netgo,osusergo \
    -ldflags "-s -w -X main.version=ci -linkmode external -extldflags -static" -o stelvio-action ./cmd/action)
  "$ctx/stelvio-action" version
  if ldd "$ctx/stelvio-action" >/dev/null 2>&1; then echo "the binary is not static"; exit 1; fi
  echo "static binary: $(wc -c <"$ctx/stelvio-action") bytes"
  rm -rf "$ctx"
else
  echo "notice: musl-gcc not found; the static build is checked only by the image job"
fi

echo "== docs/inputs.md matches action.yml"
bash .ci/check-inputs-doc.sh action.yml docs/inputs.md
