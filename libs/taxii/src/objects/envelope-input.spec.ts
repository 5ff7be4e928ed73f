import { HubError } from '@hub/platform';
import { MAX_OBJECTS_PER_BUNDLE } from '@hub/sharing';
import { TaxiiHttpError } from '../http/taxii-error';
import { envelopeObjects } from './envelope-input';

describe('envelopeObjects', () => {
  it('returns the objects of an envelope', () => {
    expect(envelopeObjects({ objects: [{ id: 'x' }], more: false })).toEqual([{ id: 'x' }]);
  });

  it.each([[null], ['text'], [[{ id: 'x' }]], [{}], [{ objects: 'x' }], [{ objects: [] }]])('refuses %p as a bad request', (body) => {
    expect(() => envelopeObjects(body)).toThrow(HubError);
  });

  it('refuses objects of another STIX version with a 422 naming them', () => {
    try {
      envelopeObjects({ objects: [{ spec_version: '2.1' }, { type: 'ipv4-addr' }, { spec_version: '2.0' }] });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(TaxiiHttpError);
      expect((error as TaxiiHttpError).status).toBe(422);
      expect((error as TaxiiHttpError).issues.map((issue) => issue.path)).toEqual(['objects[2].spec_version']);
    }
  });

  it('refuses more objects than one submission takes with a 413', () => {
    const call = () => envelopeObjects({ objects: new Array(MAX_OBJECTS_PER_BUNDLE + 1).fill({}) });
    expect(call).toThrow(TaxiiHttpError);
    try {
      call();
    } catch (error) {
      expect((error as TaxiiHttpError).status).toBe(413);
    }
  });
});
