import type { Viewer } from '@hub/access';

/**
 * Who performs a change, for the audit log. `viewer` is absent for the hub itself: the first-start
 * bootstrap and the operators' command line.
 */
export interface Actor {
  viewer?: Viewer;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = {};

/** An administrator acting as a person. An admin's API key does not administer the hub (see AdminOnly). */
export function isHubAdmin(viewer: Viewer | undefined): boolean {
  return viewer?.kind === 'user' && viewer.role === 'ADMIN';
}
