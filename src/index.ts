export * from './synth/options';
export * from './synth/maturin-release';
export * from './synth/maturin-project';
