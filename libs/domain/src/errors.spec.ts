import { DomainErrorCode } from './errors';
import { parsePlate } from './plate';

describe('DomainErrorCode', () => {
  it('is what a failed parse reports, so the API passes it on unchanged', () => {
    const result = parsePlate('not a plate');
    expect(result).toEqual({ ok: false, code: 'PLATE_INVALID' });
  });

  it('has exactly the codes that the API contract names (renaming one breaks clients)', () => {
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
