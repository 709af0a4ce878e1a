import * as domain from '@app/domain';

describe('@app/domain', () => {
  it('exposes every module through the one door', () => {
    expect(domain.parsePlate('豫B12345/豫B6789挂')).toMatchObject({ ok: true, plate: '豫B12345' });
    expect(domain.isValidCreditCode('914403001922038216')).toBe(true);
    expect(domain.findDivision('410202')?.cityName).toBe('开封市');
    expect(domain.isCargoCategory('postal_express')).toBe(true);
    expect(domain.parseTonsToKg('12.5')).toBe(12_500);
    expect(domain.formatPassNumber('410202', 7)).toBe('410202000007');
    expect(domain.DomainErrorCode.DIVISION_NOT_COUNTY).toBe('DIVISION_NOT_COUNTY');
  });
});
