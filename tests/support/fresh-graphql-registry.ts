// @nestjs/graphql keeps its type registry on the process global. A jest worker that ran one test
// file's hub would hand the next file stale classes (and lose their field types), so each test file
// starts with an empty registry.
const processGlobal = globalThis as Record<string, unknown>;
delete processGlobal.GqlTypeMetadataStorage;
delete processGlobal.GqlLazyMetadataStorageHost;
