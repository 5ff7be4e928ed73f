import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessMatrix, buildAccessMatrix, Relation, RELATIONS } from '../support/access-matrix';
import { importFile } from '../support/imports';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * An import job and its results are whoever started it: the person when a person started it, that
 * very API key when a key did (a job may be RED or AMBER+STRICT: its ids and rejected items' messages
 * are that content). Every viewer of the access matrix reads them through GET /import/{id},
 * GET /import/{id}/results, importJob and importJobs, and may cancel them, exactly when it is the
 * starter; everyone else (colleagues, the organisation's admin and keys, the key's own creator, other
 * organisations) gets what an id that does not exist gets.
 */
const CSV = readFileSync(join(import.meta.dirname, '../../libs/intel-formats/test/csv/firewall-export.csv'));
const MAPPING = JSON.stringify({ value: 'indicator', type: 'type' });

describe('imports: who sees a job', () => {
  let hub: TestHub;
  let matrix: AccessMatrix;
  let personsJob: string;
  let keysJob: string;

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
    personsJob = job.jobId;
    const byKey = await importFile(
      hub.url,
      matrix.viewers.get('INTERNAL key of the source')!,
      { format: 'csv', tlp: 'AMBER', mapping: MAPPING, organizationIds: audience.organizationIds!, sharingGroupIds: audience.sharingGroupIds!, audiences: audience.audiences! },
      CSV,
    );
    expect(byKey.status).toBe('done');
    keysJob = byKey.jobId;
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

  /** Every read and the cancel of the job, for the viewer with this relation; `mine` when it is the starter. */
  const checkJob = async (jobId: string, relation: Relation, mine: boolean) => {
    const token = matrix.viewers.get(relation);
    const absent = randomUUID();
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
  };

  it.each(RELATIONS)("a person's job, for the %s", (relation) => checkJob(personsJob, relation, relation === 'submitter'));

  it.each(RELATIONS)("a key's job, for the %s", (relation) => checkJob(keysJob, relation, relation === 'INTERNAL key of the source'));

  it('is not cancelled by anyone but its starter', async () => {
    for (const [jobId, token] of [[personsJob, matrix.submitter.token], [keysJob, matrix.viewers.get('INTERNAL key of the source')!]]) {
      const response = await get(`/import/${jobId}`, token);
      expect(JSON.parse(response.body)).toMatchObject({ status: 'done', cancelRequested: false });
    }
  });

  it('is cancelled by its starter', async () => {
    // A finished job is returned unchanged: the starter's cancel reaches the job, nobody else's does.
    const cancel = await graphql(CANCEL, personsJob, matrix.submitter.token);
    expect(cancel.data?.cancelImportJob?.id).toBe(personsJob);
  });
});
