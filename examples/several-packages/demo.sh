#!/usr/bin/env bash
# Demo: synthesizes examples/several-packages (two packages, one repository) with
# the local projen-maturin, prints what it generates, and asks preflight about a
# release of each package. Works from a fresh clone: installs what it needs first.
set -euo pipefail
# shellcheck source=examples/synthesize-example.sh
source "$(dirname "$0")/../synthesize-example.sh" "$(cd "$(dirname "$0")" && pwd)"
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
