import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The MITRE ATT&CK bundles copied into the repository (with MITRE's licence beside them). */
export const ATTACK_BUNDLES = ['ics-attack-18.1.json', 'mobile-attack-17.1.json'] as const;

/**
 * The folder holding them, whether this runs from the sources or from dist/: the walk stops at the
 * repository root (the folder with package.json), so nothing outside the repository is ever read.
 */
export function attackDataDir(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'libs', 'stix', 'test', 'attack');
    if (dirname(dir) === dir) throw new Error(`no package.json above ${import.meta.dirname}: run from inside the repository`);
  }
}
