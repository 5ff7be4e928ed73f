export * from './console-routes';
