#!/usr/bin/env bash
# Demo: synthesizes examples/dioxide with the local projen-maturin and prints
# what it generates. Works from a fresh clone: installs what it needs first.
set -euo pipefail
# shellcheck source=examples/synthesize-example.sh
source "$(dirname "$0")/../synthesize-example.sh" "$(cd "$(dirname "$0")" && pwd)"

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
