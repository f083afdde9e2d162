#!/usr/bin/env bash
# Checks that ./tomo trains on the malloc it is asked for and that the result says so: tcmalloc by
# default where installed, glibc on request; where tcmalloc is missing, the default falls back to
# glibc and asking for tcmalloc is refused. Needs the jar that `mvn verify` built.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

train() { # TOMO_MALLOC value ("" = unset), log name
  env ${1:+TOMO_MALLOC="$1"} TOMO_CACHE="$work/cache" ./tomo train --target formation_energy_per_atom \
      --limit 300 --epochs 1 --threads 1 --checkpoint-dir "$work/ck-$2" 2>"$work/$2.log" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["allocator"])'
}

expect() { # TOMO_MALLOC value, expected allocator
  local got
  got="$(train "$1" "${1:-default}")" || { tail -20 "$work/${1:-default}.log"; exit 1; }
  if [ "$got" != "$2" ]; then
    echo "launcher: TOMO_MALLOC=${1:-(unset)} should train on $2, the training ran on $got" >&2
    exit 1
  fi
  echo "launcher: TOMO_MALLOC=${1:-(unset)} -> training result allocator $got"
}

if ls /usr/lib/*/libtcmalloc_minimal.so.4 >/dev/null 2>&1; then
  expect "" tcmalloc
  expect tcmalloc tcmalloc
else
  expect "" glibc
  if TOMO_MALLOC=tcmalloc ./tomo --version >/dev/null 2>"$work/refused.log"; then
    echo "launcher: TOMO_MALLOC=tcmalloc without tcmalloc installed should be refused" >&2
    exit 1
  fi
  grep -q "libtcmalloc_minimal.so.4 is not installed" "$work/refused.log"
  echo "launcher: tcmalloc not installed -> default glibc, TOMO_MALLOC=tcmalloc refused"
fi
expect glibc glibc
