export * from './console-host';
export * from './security-headers';
