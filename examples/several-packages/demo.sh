#!/usr/bin/env bash
# Demo: synthesizes examples/several-packages (two packages, one repository) with
# the local projen-maturin, prints what it generates, and asks preflight about a
# release of each package. Works from a fresh clone: installs what it needs first.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
[ -d node_modules/projen ] || npm ci --no-audit --no-fund
npx projen bundle >/dev/null 2>&1 || npx projen bundle
npx projen compile >/dev/null 2>&1 || npx projen compile

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r examples/several-packages/. "$work/"
rm -f "$work/demo.sh"
mkdir -p "$work/node_modules"
ln -s "$repo" "$work/node_modules/projen-maturin"
ln -s "$repo/node_modules/projen" "$work/node_modules/projen"
ln -s "$repo/node_modules/constructs" "$work/node_modules/constructs"

(cd "$work" && git init -q && "$repo/node_modules/.bin/ts-node" --transpile-only --compiler-options '{"module":"commonjs","esModuleInterop":true}' .projenrc.ts)
(cd "$work" && git add -A && git -c user.name=demo -c user.email=demo@example.com commit -qm demo)

echo "== Generated release files (one workflow and settings file per package; tools and RELEASING.md shared)"
(cd "$work" && find .github RELEASING.md -type f | sort | while read -r f; do printf '%8s bytes  %s\n' "$(wc -c <"$f")" "$f"; done)
echo
echo "== preflight py-1.2.0 (the tag prefix picks acme)"
(cd "$work" && node "$repo/assets/cli.cjs" preflight py-1.2.0)
echo
echo "== preflight 0.4.0 --package acme-cli (released by hand: the version, not a tag)"
(cd "$work" && node "$repo/assets/cli.cjs" preflight 0.4.0 --package acme-cli)
echo
echo "== RELEASING.md (first screen)"
head -30 "$work/RELEASING.md"
