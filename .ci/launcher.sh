#!/usr/bin/env bash
# Checks that ./tomo runs a training on the malloc it is asked for, and that the result says so:
# tcmalloc where installed (the default), glibc on request. Needs the jar that `mvn verify` built.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

train() { # malloc
  TOMO_MALLOC="$1" TOMO_CACHE="$work/cache" ./tomo train --target formation_energy_per_atom \
      --limit 300 --epochs 1 --threads 1 --checkpoint-dir "$work/ck-$1" 2>"$work/$1.log" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["allocator"])'
}

for malloc in tcmalloc glibc; do
  got="$(train "$malloc")" || { tail -20 "$work/$malloc.log"; exit 1; }
  if [ "$got" != "$malloc" ]; then
    echo "launcher: asked for $malloc, the training ran on $got" >&2
    exit 1
  fi
  echo "launcher: TOMO_MALLOC=$malloc -> training result allocator $got"
done
