#!/usr/bin/env bash
# Gets this repo onto Node >= 22.15 (module.registerHooks, used by `npm start`) and pnpm without any global install, installs the
# workspace, then runs the pnpm script named in $1 (e.g. `test:all`, `demo:run`).
# Node 20 machines get Node 22 and pnpm from the npm registry into tools/node_modules.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=15)?0:1)'
}

# tools/ pins the toolchain: always use its pnpm; use its Node when the machine's is too old.
if [ ! -x tools/node_modules/.bin/pnpm ] || { ! node_ok && [ ! -x tools/node_modules/.bin/node ]; }; then
  echo "bootstrap: fetching the pinned Node 22 and pnpm from the npm registry (tools/)" >&2
  # Exact versions in tools/package.json pin the toolchain; platform binaries come as optional dependencies.
  (cd tools && npm install --no-package-lock --no-audit --no-fund --loglevel=error)
fi
export PATH="$root/tools/node_modules/.bin:$PATH"
if ! node_ok; then
  echo "bootstrap: Node >= 22.15 is required and could not be obtained (have $(node -v 2>/dev/null || echo none))" >&2
  exit 1
fi

if [ "${CI:-}" = "true" ] || [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  pnpm install --frozen-lockfile --reporter=append-only
fi

[ $# -eq 0 ] && exit 0
exec pnpm run "$@"
