export * from './pattern';
export * from './observables';
export * from './objects';
export * from './bundle';
export * from './builders';
export * from './ids';
export * from './timestamps';
export * from './tlp';
export { canonicalJson } from './canonical-json';
