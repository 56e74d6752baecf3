export * from './options';
export * from './maturin-release';
