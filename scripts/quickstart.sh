#!/usr/bin/env bash
# The README's two commands land here: `npm start` (the main job) and `npm test` (every test).
# It installs what a fresh machine lacks (pnpm via npm; corepack does not work here), then runs.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "10" ]; then
  echo "› installing pnpm@${PNPM_VERSION} through npm" >&2
  prefix="${HOME}/.cache/cnnkit/pnpm"
  npm install --silent --no-audit --no-fund --prefix "$prefix" "pnpm@${PNPM_VERSION}" >&2
  export PATH="${prefix}/node_modules/.bin:${PATH}"
fi

pnpm install --frozen-lockfile --prefer-offline >&2

case "${1:-}" in
  start)
    shift
    pnpm run --silent main "$@"
    ;;
  test)
    shift
    # Everything a fresh clone must pass: types, lint, packaging, then every suite (slow ones too).
    pnpm run --silent build
    pnpm run --silent typecheck
    pnpm run --silent lint
    pnpm run --silent check:packages
    pnpm exec changeset status >/dev/null   # changeset files and config parse
    pnpm run --silent test:all "$@"
    ;;
  *)
    echo "usage: scripts/quickstart.sh start|test" >&2
    exit 64
    ;;
esac
