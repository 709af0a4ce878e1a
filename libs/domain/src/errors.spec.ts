import { DomainErrorCode } from './errors';

describe('DomainErrorCode', () => {
  it('uses each code as its own value, so the wire format is the constant name', () => {
    for (const [name, value] of Object.entries(DomainErrorCode)) {
      expect(value).toBe(name);
    }
  });

  it('has the codes that the API contract names', () => {
    expect(Object.values(DomainErrorCode).sort()).toEqual([
      'CARGO_CATEGORY_INVALID',
      'CREDIT_CODE_INVALID',
      'DIVISION_NOT_COUNTY',
      'DIVISION_UNKNOWN',
      'PLATE_INVALID',
      'TONNAGE_INVALID',
    ]);
  });
});
