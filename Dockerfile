# stelvio-action image: one static binary, git and CA certificates on Alpine. No uv: only a
# deploy needs it, and the deploy downloads the pinned release and checks its SHA-256
# (internal/deploy/uv.go) unless one is on PATH.
# Sizes and the reasons for each choice: docs/image-size.md. Base images are pinned by digest;
# bump tag and digest together.

# --- 1. build ---------------------------------------------------------------------------------
# tree-sitter is C, so cgo stays on. musl-gcc links a fully static binary: no libc is needed at
# run time, and unlike a static glibc link there is no NSS/getaddrinfo caveat (the netgo and
# osusergo tags keep DNS and user lookups in pure Go either way).
FROM golang:1.26-bookworm@sha256:551752d3ad9de9923190bf5280500617ed8fee287ffb4b0220e770ef89346258 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends musl-tools \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum* ./
RUN go mod download
COPY cmd ./cmd
COPY internal ./internal
ARG VERSION=dev
ENV CGO_ENABLED=1 CC=musl-gcc
RUN go build -trimpath -tags netgo,osusergo \
      -ldflags "-s -w -X main.version=${VERSION} -linkmode external -extldflags -static" \
      -o /out/stelvio-action ./cmd/action \
 && /out/stelvio-action version

# --- 2. runtime ---------------------------------------------------------------------------------
FROM alpine:3.24.2@sha256:31b6477333eb8257db9e5d7c3a7264fd0467928756f0bbcc27d35bea5d28cdbd
LABEL org.opencontainers.image.title="stelvio-action" \
      org.opencontainers.image.description="Review and deploy Stelvio apps from GitHub Actions" \
      org.opencontainers.image.source="https://github.com/stelvio-action/stelvio-action" \
      org.opencontainers.image.licenses="Apache-2.0"
# git reads base/head revisions and fetches missing objects; the CA bundle serves git, the binary
# (its download of uv included) and uv. GitHub runs Docker actions as root over a workspace owned
# by the runner user (uid 1001), so git would refuse the checkout as "dubious ownership": trust
# the workspace mount only.
RUN apk add --no-cache git ca-certificates-bundle \
 && git config --system --add safe.directory /github/workspace \
 && git config --system --add safe.directory '/github/workspace/*'
COPY --from=build /out/stelvio-action /usr/local/bin/stelvio-action
# uv's cache lives in $HOME (/github/home) and the venv in the workspace: different mounts, so
# hard links fail; copy instead of warning on every deploy.
ENV UV_LINK_MODE=copy
# No USER: GitHub documents that Docker actions must run as the default (root) user, since the
# workspace and the runner's file-command files belong to the runner's user, whose uid differs
# between hosted (1001) and self-hosted runners. See docs/security.md.
ENTRYPOINT ["/usr/local/bin/stelvio-action"]
