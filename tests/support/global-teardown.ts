export default async function globalTeardown(): Promise<void> {
  await (globalThis as { hubTestPostgres?: { stop(): Promise<void> } }).hubTestPostgres?.stop();
}
