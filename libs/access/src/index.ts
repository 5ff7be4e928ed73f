export * from './audience';
export * from './audience-reach';
export * from './readable-condition';
export * from './reader-tokens';
export * from './tlp';
export * from './viewer';
