#!/usr/bin/env bash
# Installs everything the suite needs on a fresh Debian machine with Node 20 and builds the workspace.
# Idempotent: steps already done are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v git >/dev/null 2>&1 || need_apt+=(git)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${need_apt[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# apps/viewer's browser tests drive Debian's Chromium through playwright-core (which downloads no browser).
if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing chromium (for the viewer's browser tests)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
# The engine's oneDNN addon (packages/core/native) builds with g++ against Debian's libdnnl-dev (the library Debian's
# PyTorch uses); without it the engine runs onnxruntime only.
if [ ! -f /usr/include/oneapi/dnnl/dnnl.hpp ] || ! command -v g++ >/dev/null 2>&1; then
  echo "setup: installing libdnnl-dev and g++ (for the engine's oneDNN kernels)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq libdnnl-dev g++ >/dev/null
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "setup: Node $(node --version) is too old; the suite needs Node 20 or newer (install it from nodejs.org or NodeSource)" >&2
  exit 1
fi
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.4.2" ]; then
  echo "setup: installing pnpm 12.4.2" >&2
  npm install -g pnpm@12.4.2 >/dev/null 2>&1
fi
# onnxruntime-node bundles its CPU libraries; its postinstall would try to download the CUDA provider.
export ONNXRUNTIME_NODE_INSTALL=skip
pnpm install --frozen-lockfile --reporter=append-only >/dev/null
pnpm -r --reporter=append-only run build >/dev/null
echo "setup: done (node $(node --version), pnpm $(pnpm --version))" >&2
