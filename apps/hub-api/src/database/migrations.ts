// Every schema change of every feature, applied in timestamp order on start (never `synchronize`).
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const hubMigrations: Function[] = [];
