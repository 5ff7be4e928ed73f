export * from './audience';
export * from './readable-condition';
export * from './reader-tokens';
export * from './tlp';
export * from './viewer';
