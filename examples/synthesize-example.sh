# shellcheck shell=bash
# Sourced by the examples' demo.sh: builds the local projen-maturin (installing what a fresh
# clone lacks), copies the example in $1 to a temporary directory $work (removed on exit),
# links the local package into it and runs its .projenrc.ts there. Sets $repo and $work.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo" || exit 1
[ -d node_modules/projen ] || npm ci --no-audit --no-fund
npx projen bundle >/dev/null 2>&1 || npx projen bundle
npx projen compile >/dev/null 2>&1 || npx projen compile

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$1/." "$work/"
rm -f "$work/demo.sh"
mkdir -p "$work/node_modules"
ln -s "$repo" "$work/node_modules/projen-maturin"
ln -s "$repo/node_modules/projen" "$work/node_modules/projen"
ln -s "$repo/node_modules/constructs" "$work/node_modules/constructs"
(cd "$work" && git init -q && "$repo/node_modules/.bin/ts-node" --transpile-only --compiler-options '{"module":"commonjs","esModuleInterop":true}' .projenrc.ts)
