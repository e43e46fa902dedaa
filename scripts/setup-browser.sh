#!/usr/bin/env bash
# Installs Debian's Chromium for the notebook browser test (tests/NotebookNet.Notebooks.Tests/BrowserTests.cs).
# Idempotent: does nothing when `chromium` is already on PATH. Needs root (CI runs as root) and the Debian mirror.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "setup-browser: $(chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-liberation
echo "setup-browser: $(chromium --version)"
