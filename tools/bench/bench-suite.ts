import type { Viewer } from '@hub/access';
import type { HubApp } from '@hub/hub-api';

/** The seeded hub a suite measures: started once, on first use, and shared by every suite of the run. */
export interface BenchHub {
  hub: HubApp;
  /** The seeded database (for suites that need rows of their own or server-side SQL). */
  databaseUrl: string;
  /** Objects seeded before any suite ran. */
  objects: number;
  /** A member of an organisation in 10 sharing groups: its login token and its Viewer. */
  memberToken: string;
  memberViewer: Viewer;
}

/**
 * One benchmark suite: `npm run bench -- NAME` runs it alone. It returns the Markdown lines of its
 * section in docs/benchmarks.md (a table, with its targets), and asks for the seeded hub only if it
 * needs one.
 */
export interface BenchSuite {
  name: string;
  run(seededHub: () => Promise<BenchHub>): Promise<string[]>;
}
