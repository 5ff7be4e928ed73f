import { createHmac } from 'node:crypto';

/**
 * What the ids an import derives from its file (MISP uuids and ATT&CK ids, CSAF tracking ids) are made
 * in: the importing organisation under a secret of the hub, so that one organisation's re-imports make
 * the same objects, two members' imports of one file never collide, and nobody can compute the ids
 * another organisation's import would make (organisation ids are shown to members and such files are
 * often public: with them alone, anyone could find out who imported a file, or take its ids first). An
 * anonymous import's scope is the job itself: a re-import makes new objects, and nothing links them to
 * the organisation's named imports.
 */
export function importIdScope(secret: string, job: { id: string; organizationId: string; anonymous: boolean }): string {
  return job.anonymous ? `import-job:${job.id}` : `organization:${createHmac('sha256', secret).update(job.organizationId).digest('hex')}`;
}
