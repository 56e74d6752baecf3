#!/usr/bin/env bash
# What the real maturin builds of the tests need, found as test/helpers/toolchain.ts finds it:
# installed or checked here, then exported. `.ci/run` sources this script; the project's own
# GitHub workflows run it after actions/setup-python, and it hands the settings to the later
# steps through $GITHUB_ENV. Needs `npm ci` first (it reads maturin's version from src/).
#
# PROJEN_MATURIN_TEST_CARGO_REGISTRY=crates.io takes pyo3 0.17 from crates.io (GitHub's runners
# reach it, and no Ubuntu package has that version); otherwise it comes from Debian's
# librust-pyo3-dev, offline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
  echo "error: $*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The tests lint every bash script of the generated workflows with shellcheck.
missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
if [ "${PROJEN_MATURIN_TEST_CARGO_REGISTRY:-}" != crates.io ]; then
  dpkg-query -W -f='${Status}' librust-pyo3-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(librust-pyo3-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The real-build tests never skip: every tool they need is found (or installed) here, or CI stops.
command -v cargo >/dev/null 2>&1 || fail "cargo is not installed (the real-build tests compile Rust)"
if [ "${PROJEN_MATURIN_TEST_CARGO_REGISTRY:-}" = crates.io ]; then
  crates="crates.io"
else
  # librust-pyo3-dev vendors pyo3 0.17 and its dependencies as a cargo registry directory.
  pyo3_crate=$(dpkg -L librust-pyo3-dev | grep -E '/pyo3-0\.17[^/]*$' | head -n 1 || true)
  [ -f "$pyo3_crate/Cargo.toml" ] || fail "librust-pyo3-dev lists no pyo3 0.17 crate (dpkg -L librust-pyo3-dev)"
  export PROJEN_MATURIN_TEST_CARGO_REGISTRY="${pyo3_crate%/*}"
  crates="$PROJEN_MATURIN_TEST_CARGO_REGISTRY (offline)"
fi

# CPython 3.X: pyenv's install, else python3.X on PATH (actions/setup-python's), pyenv's shims aside.
pyenv_root="${PYENV_ROOT:-$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")}"
IFS=: read -ra path_dirs <<<"$PATH"
pythons=()
for version in 3.9 3.10 3.11 3.12 3.13; do
  python=$(find "$pyenv_root/versions" -mindepth 3 -maxdepth 3 -path "*/versions/$version.*/bin/python$version" 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$python" ]; then
    for dir in "${path_dirs[@]}"; do
      if [ -n "$dir" ] && [ "$dir" != "$pyenv_root/shims" ] && [ -f "$dir/python$version" ] && [ -x "$dir/python$version" ]; then
        python="$dir/python$version"
        break
      fi
    done
  fi
  [ -n "$python" ] || fail "CPython $version is neither installed under $pyenv_root/versions nor on PATH as python$version (the real-build tests use 3.9 to 3.13)"
  pythons+=("$python")
done

# maturin and pytest in a venv kept outside the checkout, so later runs reuse it. maturin is the
# version the generated workflows pin: the tests' stand-in for maturin-action refuses another.
maturin_version=$(TS_NODE_COMPILER_OPTIONS='{"module":"commonjs"}' node -r ts-node/register/transpile-only \
  -e 'process.stdout.write(require("./src/synth/defaults").DEFAULTS.maturinVersion)')
venv="${PROJEN_MATURIN_TEST_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/projen-maturin/test-toolchain}"
if [ "$("$venv/bin/maturin" --version 2>/dev/null || true)" != "maturin $maturin_version" ] || ! "$venv/bin/python" -m pytest --version >/dev/null 2>&1; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  # Where packages come only from the machine's package mirror, an unreachable default index
  # fails at once instead of after pip's back-off; on GitHub, PyPI gets pip's usual retries.
  retries=0
  [ "${GITHUB_ACTIONS:-}" != true ] || retries=5
  "$venv/bin/python" -m pip install --quiet --retries "$retries" "maturin==$maturin_version" pytest \
    || fail "pip could not install maturin $maturin_version and pytest into $venv"
fi
export PROJEN_MATURIN_TEST_VENV="$venv"

if [ -n "${GITHUB_ENV:-}" ]; then
  {
    echo "PROJEN_MATURIN_TEST_VENV=$PROJEN_MATURIN_TEST_VENV"
    echo "PROJEN_MATURIN_TEST_CARGO_REGISTRY=$PROJEN_MATURIN_TEST_CARGO_REGISTRY"
  } >>"$GITHUB_ENV"
fi
echo "real builds: $("$venv/bin/maturin" --version), crates from $crates, ${pythons[*]}"
