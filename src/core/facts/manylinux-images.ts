import { FactSource } from './types';

/**
 * The Python interpreters in pypa's manylinux build images (`quay.io/pypa/manylinux2014_x86_64`,
 * `manylinux_2_28_aarch64`, …: one Dockerfile for every policy and architecture). maturin-action
 * builds x86_64 and i686 wheels (and aarch64 on Arm runners) inside these images, where
 * `maturin build --find-interpreter` finds the `python3.X`, `python3.Xt` and `pypy3.X` commands
 * `finalize-one.sh` puts in /usr/local/bin.
 */
export const MANYLINUX_IMAGES_SOURCE: FactSource = {
  repository: 'pypa/manylinux',
  commit: 'ad3c453962dd6d0644f765dcc19cc79c6123b9a0',
  path: 'docker/Dockerfile, docker/build_scripts/python_versions.json, docker/build_scripts/finalize-one.sh',
  read: '2026-12-07',
  note: 'newest stored snapshot (2026-06-28); the images maturin-action pulls are the `:latest` tags built from main',
};

export const MANYLINUX_IMAGE_PYTHONS = {
  /** `build-cpython.sh` stages: 3.9.25, 3.10.20, 3.11.15, 3.12.13, 3.13.14, 3.14.6 (3.15.0b3 is a pre-release). */
  cpythonMinors: [9, 10, 11, 12, 13, 14],
  cpythonPrereleaseMinors: [15],
  /** The `nogil` stages: 3.14t (and the 3.15t pre-release). */
  freeThreadedMinors: [14],
  /**
   * `finalize.sh pp311-pypy311_pp73`: PyPy 3.11 where python_versions.json has a build for the
   * architecture. PyPy 3.10 left the images in 9057eab0 (2025-09-13, "remove EOL PyPY 3.10 from images"),
   * PyPy 3.9 in 024803aa (2024-10-26, "Don't pre-install PyPy 3.9"): `-i pypy3.9` and `-i pypy3.10` find
   * no interpreter there, and maturin builds them from its bundled configuration (facts/maturin-interpreters.ts).
   */
  pypy: { 11: ['x86_64', 'aarch64', 'i686'] } as Readonly<Record<number, readonly string[]>>,
} as const;
