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

# Quiet on success (the quiz owns the terminal), the whole log on failure.
quietly() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

case "${1:-}" in
  start)
    shift
    echo "› installing and building (first run: a minute or two)…" >&2
    # pnpm's store follows XDG_DATA_HOME, as the quiz's database does: a run with another one must
    # reinstall instead of stopping to ask (no TTY) whether to purge node_modules.
    quietly pnpm install --frozen-lockfile --prefer-offline --config.confirmModulesPurge=false
    quietly pnpm exec turbo run build --filter=@cnnkit/quiz-bot --output-logs=errors-only
    pnpm run --silent main "$@"
    ;;
  test)
    shift
    pnpm install --frozen-lockfile --prefer-offline --config.confirmModulesPurge=false >&2
    # Everything a fresh clone must pass: types, lint, packaging, then every suite (slow ones too).
    # Build and typecheck in one turbo run (what `pnpm build` and `pnpm typecheck` run): a type-check
    # reads the sources (the @cnnkit/source condition), not dist, so it runs beside the build chain,
    # whose .d.ts steps leave a core idle.
    pnpm exec turbo run build typecheck
    pnpm exec tsc -p scripts/tsconfig.json
    pnpm run --silent lint
    # The package checks and the consumer test inspect the same tarballs: packed once for both.
    released=$(mktemp -d)
    trap 'rm -rf "$released"' EXIT
    export CNNKIT_RELEASED_TARBALLS="$released"
    pnpm run --silent check:packages
    # Browser bundles stay under their stated limits (shape-math's analyze without zod classic, pure helpers without zod).
    pnpm run --silent bundle-size --check
    # Public API = the checked-in reports (pnpm api:update after a deliberate change, plus a changeset).
    pnpm run --silent api:check
    # The tarballs installed as a user would (pnpm and npm, outside the workspace), README examples run.
    pnpm run --silent test:consumer
    unset CNNKIT_RELEASED_TARBALLS
    # The API reference builds, and every exported symbol has a TSDoc comment (warnings fail).
    pnpm run --silent docs
    # The release as a dry run (versions and CHANGELOGs on a scratch copy, pnpm publish --dry-run).
    pnpm run --silent release --dry-run --skip-checks
    pnpm exec changeset status >/dev/null   # changeset files and config parse
    # The type tests (*.test-d.ts) were type-checked above with their package (tsconfig.json includes
    # test/): vitest's own tsc pass over them would check the same files again beside the suites.
    # Python's onnx package for shape-math's ResNet-50 cross-check (Debian's python3-onnx; as
    # with-postgres.sh installs PostgreSQL, nothing by hand).
    bash scripts/ensure-python-onnx.sh
    pnpm run --silent test:all --typecheck=false "$@"
    ;;
  *)
    echo "usage: scripts/quickstart.sh start|test" >&2
    exit 64
    ;;
esac
