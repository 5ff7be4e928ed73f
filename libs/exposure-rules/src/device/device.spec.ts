import { parseVers } from '../versions/vers';
import { advisoryDeviceCovers, modelMatcher, normaliseName, normaliseVendor, type DeviceIdentity, type DeviceSpec } from './device';

describe('device name normalisation', () => {
  it.each<[string, string]>([
    ['IntelliVue MX800', 'intellivuemx800'],
    ['Intelli-Vue  mx 800', 'intellivuemx800'],
    ['Sigma™ Spectrum', 'sigmatmspectrum'],
    ['Médical Pump', 'medicalpump'],
  ])('name %s → %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ['GE Healthcare', 'gehealthcare'],
    ['GE-HealthCare Inc.', 'gehealthcare'],
    ['Philips Medical Systems B.V.', 'philipsmedicalsystems'],
    ['Siemens Healthineers AG', 'siemenshealthineers'],
    ['Baxter International, Inc', 'baxterinternational'],
    ['Incorporated Devices Ltd', 'incorporateddevices'],
    ['AG', 'ag'],
  ])('vendor %s → %s', (input, expected) => {
    expect(normaliseVendor(input)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['MX800', 'MX 800', true],
    ['MX8*', 'MX-850', true],
    ['MX8*', 'MX-750', false],
    ['MX80?', 'MX800', true],
    ['MX80?', 'MX8000', false],
    ['*800', 'IntelliVue MX800', true],
    ['MX\\*1', 'MX*1', true],
  ])('model pattern %s vs %s: %s', (pattern, model, expected) => {
    expect(modelMatcher(pattern)(normaliseName(model))).toBe(expected);
  });
});

describe('advisory device covers a declared device', () => {
  const range = (text: string) => {
    const parsed = parseVers(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.range;
  };
  it.each<[string, DeviceSpec, DeviceIdentity, boolean]>([
    ['letter versions in a range', { vendor: 'Philips', model: 'MX800', range: range('vers:generic/<L.01') }, { vendor: 'philips', model: 'mx-800', version: 'K.2' }, true],
    ['model and version range', { vendor: 'Philips', model: 'MX800', range: range('vers:generic/>=1.0|<2.5') }, { vendor: 'Philips Inc.', model: 'MX 800', version: '2.1' }, true],
    ['range excludes', { vendor: 'Philips', model: 'MX800', range: range('vers:generic/>=1.0|<2.5') }, { vendor: 'Philips', model: 'MX800', version: '2.5.0' }, false],
    ['other vendor, same model', { vendor: 'Philips', model: 'MX800' }, { vendor: 'Mindray', model: 'MX800', version: '1' }, false],
    ['model wildcard', { vendor: 'Baxter', model: 'SIGMA-35*' }, { vendor: 'baxter', product: 'Sigma Spectrum', model: 'Sigma 35700', version: '8.0' }, true],
    ['model against declared product', { vendor: 'Baxter', model: 'Sigma Spectrum' }, { vendor: 'Baxter', product: 'Sigma Spectrum' }, true],
    ['product only', { vendor: 'Medtronic', product: 'CareLink 2090', version: 'V2.1' }, { vendor: 'Medtronic', product: 'Carelink-2090', version: '2.1.0' }, true],
    ['product only, other version', { vendor: 'Medtronic', product: 'CareLink 2090', version: '2.1' }, { vendor: 'Medtronic', product: 'Carelink 2090', version: '2.2' }, false],
    ['declared version unknown', { vendor: 'Medtronic', product: 'CareLink 2090', version: '2.1' }, { vendor: 'Medtronic', product: 'Carelink 2090' }, false],
    ['vendor alone names nothing', { vendor: 'Medtronic' }, { vendor: 'Medtronic', product: 'Anything' }, false],
    ['product differs', { vendor: 'Medtronic', product: 'CareLink 2090' }, { vendor: 'Medtronic', product: 'CareLink 2091' }, false],
  ])('%s', (_case, advisory, declared, expected) => {
    expect(advisoryDeviceCovers(advisory, declared).covered).toBe(expected);
  });
});
