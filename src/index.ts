export * from './options';
export * from './maturin-release';
export * from './maturin-project';
