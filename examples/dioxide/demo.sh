#!/usr/bin/env bash
# Demo: synthesizes examples/dioxide with the local projen-maturin and prints
# what it generates. Works from a fresh clone: installs what it needs first.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
[ -d node_modules/projen ] || npm ci --no-audit --no-fund
npx projen bundle >/dev/null 2>&1 || npx projen bundle
npx projen compile >/dev/null 2>&1 || npx projen compile

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r examples/dioxide/. "$work/"
rm -f "$work/demo.sh"
mkdir -p "$work/node_modules"
ln -s "$repo" "$work/node_modules/projen-maturin"
ln -s "$repo/node_modules/projen" "$work/node_modules/projen"
ln -s "$repo/node_modules/constructs" "$work/node_modules/constructs"

(cd "$work" && git init -q && "$repo/node_modules/.bin/ts-node" --transpile-only --compiler-options '{"module":"commonjs","esModuleInterop":true}' .projenrc.ts)

echo "== Release files of the demo project (CHANGELOG.md and pyproject.toml are its own; the rest is generated)"
(cd "$work" && find .github RELEASING.md CHANGELOG.md pyproject.toml -type f | sort | while read -r f; do printf '%8s bytes  %s\n' "$(wc -c <"$f")" "$f"; done)
echo
echo "== .github/workflows/release.yml"
cat "$work/.github/workflows/release.yml"
echo
echo "== RELEASING.md (first screen)"
head -40 "$work/RELEASING.md"
echo
echo "== .github/maturin-release/config.json"
cat "$work/.github/maturin-release/config.json"
