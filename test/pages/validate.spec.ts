import {
  creditCodeCheckCharacter as domainCheckCharacter,
  isValidCreditCode as domainIsValidCreditCode,
  normalizeCreditCode as domainNormalizeCreditCode,
  normalizePlate as domainNormalizePlate,
  parsePlate as domainParsePlate,
  parseTonsToKg as domainParseTonsToKg,
} from '@app/domain';
import {
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
  normalizeCreditCode,
  normalizePlate,
  parsePlate,
  parseTonsToKg,
} from '../../apps/pass-service/web/validate.js';
import {
  normalizePlate as scannerNormalizePlate,
  parsePlate as scannerParsePlate,
} from '../../apps/verify-service/web/offline-verify.js';

/** Real published codes and near misses (a changed check character, a changed body, bad shape). */
const CREDIT_CODES = [
  '914403001922038216',
  '91440300708461136T',
  '91110000802100433B',
  '91110108551385082Q',
  '914403001922038217',
  '91440300708461137T',
  '91110000802100433C',
  '91110108551385082O',
  '914403001922O38216',
  '9144030019220382',
  '９１１１０１０８５５１３８５０８２ｑ',
  ' 91110108551385082q ',
  'Z1110108551385082Q',
  '00000000000000000' + '0',
];

const PLATES = [
  '豫B12345',
  '豫ｂ１２３４５',
  ' 豫 B·12345 ',
  '豫BD12345',
  '豫B12345D',
  '豫B1234挂',
  '豫B12345/豫B1234挂',
  '豫B12345+豫B1234挂',
  '豫BI2345',
  '豫B1234',
  '警B12345',
  '豫B12345/豫B12346',
  'AB12345',
  '京A-F0236',
];

const TONNAGES = ['12.5', '12.500', '0.001', '0', '1.2345', '-1', '1e3', ' 7 ', '12.', '.5', '30'];

describe('portal field checks agree with libs/domain', () => {
  it.each(CREDIT_CODES)('credit code %s', (raw) => {
    const code = normalizeCreditCode(raw);
    expect(code).toBe(domainNormalizeCreditCode(raw));
    expect(isValidCreditCode(code)).toBe(domainIsValidCreditCode(code));
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(
      domainCheckCharacter(code.slice(0, 17)),
    );
  });

  it('names the expected check character of a near miss', () => {
    expect(creditCodeProblem('914403001922038217')).toEqual({ problem: 'check', expected: '6' });
    expect(creditCodeProblem('914403001922038216')).toBeNull();
  });

  it.each(PLATES)('plate %s', (raw) => {
    expect(normalizePlate(raw)).toBe(domainNormalizePlate(raw));
    expect(scannerNormalizePlate(raw)).toBe(domainNormalizePlate(raw));
    const parsed = domainParsePlate(raw);
    const domain = parsed.ok ? parsed : { ok: false };
    expect(parsePlate(raw)).toEqual(domain);
    expect(scannerParsePlate(raw)).toEqual(domain);
  });

  it.each(TONNAGES)('tonnage %s', (raw) => {
    expect(parseTonsToKg(raw)).toBe(domainParseTonsToKg(raw));
  });
});
