import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessMatrix, buildAccessMatrix, Relation, RELATIONS } from '../support/access-matrix';
import { importFile } from '../support/imports';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * An import job and its results are the starting organisation's: every viewer of the access matrix
 * reads them through GET /import/{id}, GET /import/{id}/results, importJob, importJobs and
 * importJobProgress, and may cancel them, exactly when it belongs to that organisation. Everyone
 * else gets what an id that does not exist gets.
 */

const SOURCE_ORGANIZATION: readonly Relation[] = ['submitter', 'colleague of the submitter', 'admin of the source organisation', 'INTERNAL key of the source', 'CLIENTS key of the source'];
const CSV = readFileSync(join(import.meta.dirname, '../../libs/intel-formats/test/csv/firewall-export.csv'));
const MAPPING = JSON.stringify({ value: 'indicator', type: 'type' });

describe('imports: who sees a job', () => {
  let hub: TestHub;
  let matrix: AccessMatrix;
  let jobId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    matrix = await buildAccessMatrix(hub);
    const audience = matrix.audienceFor('AMBER')!;
    const job = await importFile(
      hub.url,
      matrix.submitter.token,
      { format: 'csv', tlp: 'AMBER', mapping: MAPPING, organizationIds: audience.organizationIds!, sharingGroupIds: audience.sharingGroupIds!, audiences: audience.audiences! },
      CSV,
    );
    expect(job.status).toBe('done');
    jobId = job.jobId;
  });

  afterAll(async () => {
    await hub?.close();
  });

  const get = async (path: string, token: string | undefined) => {
    const response = await fetch(`${hub.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: await response.text() };
  };
  const graphql = async (query: string, id: string, token: string | undefined) => {
    const response = await hub.graphql<Record<string, { id: string } | null>>(query, { id }, token);
    return { data: response.data, errors: response.errors?.map((error) => ({ code: error.extensions?.code, message: error.message })) };
  };
  const IMPORT_JOB = `query ($id: ID!) { importJob(id: $id) { id read } }`;
  const CANCEL = `mutation ($id: ID!) { cancelImportJob(id: $id) { id } }`;

  it.each(RELATIONS)('%s', async (relation) => {
    const token = matrix.viewers.get(relation);
    const absent = randomUUID();
    const mine = SOURCE_ORGANIZATION.includes(relation);
    // The answers for an absent id, with that id in place of the job's: what a stranger must get.
    const sameAsAbsent = (text: string) => text.replaceAll(absent, jobId);

    for (const path of [`/import/${jobId}`, `/import/${jobId}/results`]) {
      const seen = await get(path, token);
      if (mine) {
        expect(seen.status).toBe(200);
        expect(seen.body).toContain(path.endsWith('results') ? '"status":"ACCEPTED"' : `"jobId":"${jobId}"`);
      } else {
        const expected = await get(path.replace(jobId, absent), token);
        expect(seen.status).toBe(token ? 404 : 401);
        expect(seen).toEqual({ ...expected, body: sameAsAbsent(expected.body) });
      }
    }

    const read = await graphql(IMPORT_JOB, jobId, token);
    if (mine) expect(read.data?.importJob?.id).toBe(jobId);
    else {
      const expected = await graphql(IMPORT_JOB, absent, token);
      expect(read.errors?.[0].code).toBe(token ? 'NOT_FOUND' : 'UNAUTHENTICATED');
      expect(JSON.stringify(read)).toBe(sameAsAbsent(JSON.stringify(expected)));
    }

    const listed = await hub.graphql<{ importJobs: { edges: { node: { id: string } }[] } }>(`{ importJobs(first: 50) { edges { node { id } } } }`, {}, token);
    const ids = listed.data?.importJobs.edges.map((edge) => edge.node.id) ?? [];
    expect(ids.includes(jobId)).toBe(mine);

    if (!mine) {
      const cancel = await graphql(CANCEL, jobId, token);
      expect(JSON.stringify(cancel)).toBe(sameAsAbsent(JSON.stringify(await graphql(CANCEL, absent, token))));
    }
  });

  it("is not cancelled by anyone outside the organisation", async () => {
    const response = await get(`/import/${jobId}`, matrix.submitter.token);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'done', cancelRequested: false });
  });
});
