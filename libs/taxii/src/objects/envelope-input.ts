import { FieldIssue, HubError } from '@hub/platform';
import { MAX_OBJECTS_PER_BUNDLE } from '@hub/sharing';
import { TaxiiHttpError } from '../http/taxii-error';

/**
 * The objects of a POSTed envelope (spec 3.7): a JSON object whose `objects` is a non-empty list.
 * A body of any other shape is a 400; more objects than one submission takes is a 413; objects of
 * another STIX version than the collections' media type (2.1) make the envelope a 422 (spec 5.5),
 * before anything of it is stored.
 */
export function envelopeObjects(body: unknown): unknown[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw HubError.badInput('The body must be a TAXII envelope: {"objects": [...]}', [{ path: '', message: 'must be a JSON object' }]);
  }
  const { objects } = body as { objects?: unknown };
  if (!Array.isArray(objects)) throw HubError.badInput('The envelope has no objects list', [{ path: 'objects', message: 'must be a list of STIX objects' }]);
  if (!objects.length) throw HubError.badInput('The envelope holds no objects', [{ path: 'objects', message: 'must hold at least one object' }]);
  if (objects.length > MAX_OBJECTS_PER_BUNDLE) {
    throw new TaxiiHttpError(413, 'Request too large', `An envelope may hold at most ${MAX_OBJECTS_PER_BUNDLE} objects (this one has ${objects.length}); split it`, [
      { path: 'objects', message: `at most ${MAX_OBJECTS_PER_BUNDLE} objects` },
    ]);
  }
  const otherVersions: FieldIssue[] = objects.flatMap((object, index) => {
    const version = object && typeof object === 'object' ? (object as { spec_version?: unknown }).spec_version : undefined;
    return version === undefined || version === '2.1' ? [] : [{ path: `objects[${index}].spec_version`, message: `is ${JSON.stringify(version)}; the collections take STIX 2.1 only` }];
  });
  if (otherVersions.length) {
    throw new TaxiiHttpError(422, 'Unprocessable content', `The envelope holds objects of a STIX version other than 2.1 (${otherVersions.length}); nothing of it was stored`, otherVersions);
  }
  return objects;
}
