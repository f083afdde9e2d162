#!/usr/bin/env bash
# Installs the Temporal CLI (its `server start-dev` is the real Temporal server the integration tests
# use) unless it is already there. v1.5.1: later tags carry a `replace` directive `go install` rejects.
set -euo pipefail
version="v1.5.1"
gobin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
if command -v temporal >/dev/null 2>&1; then
  echo "temporal CLI: $(command -v temporal)"
  exit 0
fi
if [ -x "$gobin/temporal" ]; then
  echo "temporal CLI: $gobin/temporal"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq golang-go
  else
    echo "install-temporal: no Go toolchain; the real-server tests will be skipped" >&2
    exit 0
  fi
fi
echo "install-temporal: go install github.com/temporalio/cli/cmd/temporal@$version (takes minutes)"
go install "github.com/temporalio/cli/cmd/temporal@$version"
echo "temporal CLI: $gobin/temporal"
