#!/usr/bin/env bash
# Checks monitoring/: Prometheus config, alert rules and their unit tests, with the Debian
# package's promtool (installed here when missing, so the Java live test finds prometheus too).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus
  # the package starts a daemon on :9090 where systemd/init exists; CI needs only the binaries
  if command -v service >/dev/null 2>&1; then service prometheus stop >/dev/null 2>&1 || true; fi
fi
promtool --version | head -1

cd monitoring/prometheus
promtool check config prometheus.yml
promtool check rules rules/*.yml
promtool test rules tests/*.yml
