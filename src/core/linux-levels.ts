// The Linux levels the `manylinux` and `musllinux` options take: synthesis validates them and
// `adopt` keeps only these, so both read this one list.

/** manylinux levels maturin-action accepts for glibc wheels ("auto": the lowest the binary allows). */
export const MANYLINUX_VALUES: readonly string[] = ['auto', '2014', '2_17', '2_28', '2_31', '2_34'];
/** musllinux levels for musl wheels. */
export const MUSLLINUX_VALUES: readonly string[] = ['1_1', '1_2'];
