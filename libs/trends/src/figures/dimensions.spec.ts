import { DIMENSIONS } from './dimensions';

describe('the keys every sector-wide answer lists', () => {
  it('are the closed vocabularies, so that a listed key says nothing about the data', () => {
    expect(DIMENSIONS.SECTOR.fixedKeys).toContain('GOVERNMENT');
    // Where anonymous sources whose pseudonym names no sector count.
    expect(DIMENSIONS.SECTOR.fixedKeys).toContain('(none)');
    expect(DIMENSIONS.TLP.fixedKeys).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']);
    expect(DIMENSIONS.SOURCE_KIND.fixedKeys).toEqual(['PUBLIC', 'PRIVATE', 'ANONYMOUS']);
    expect(DIMENSIONS.INDICATOR_TYPE.fixedKeys).toEqual(expect.arrayContaining(['malicious-activity', 'benign', '(none)']));
    expect(DIMENSIONS.INDICATOR_TYPE.fixedKeys).not.toContain('operation-bluefin');
    expect(DIMENSIONS.LABEL.fixedKeys).toEqual(['(none)']);
    expect(DIMENSIONS.MALWARE_FAMILY.fixedKeys).toEqual(['(none)']);
    expect(DIMENSIONS.OBJECT_TYPE.fixedKeys).toEqual([]);
  });

  it('hold unreadable objects only at AMBER and AMBER+STRICT', () => {
    expect(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'].filter((key) => DIMENSIONS.TLP.canHoldUnreadable(key))).toEqual(['AMBER', 'AMBER_STRICT']);
    expect(DIMENSIONS.SECTOR.canHoldUnreadable('GOVERNMENT')).toBe(true);
  });
});
