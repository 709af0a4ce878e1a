import { randomUUID } from 'node:crypto';
import { createEvent, PassIssuedV1 } from '@app/contracts';

/** A valid pass.issued event with random identity; fields can be overridden per test. */
export function samplePassIssued(
  overrides: Partial<PassIssuedV1['data']> = {},
  key?: string,
): PassIssuedV1 {
  const passId = overrides.passId ?? randomUUID();
  return createEvent(
    PassIssuedV1,
    {
      passId,
      passNumber: '410202000001',
      plate: '豫B12345',
      enterpriseId: '2f0c7a5e-8f7e-4d7e-9a55-0a1b2c3d4e5f',
      enterpriseCreditCode: '91410200MA44XXXX0X'.replace(/X/g, '1'),
      enterpriseName: '开封测试物流有限公司',
      cargoCategory: 'daily_necessities',
      tonnageKg: 12500,
      originDivision: '410202',
      destinationDivision: '410102',
      crossProvince: false,
      validFrom: '2022-04-07T00:00:00.000Z',
      validUntil: '2022-04-14T00:00:00.000Z',
      kid: 'test-kid',
      ...overrides,
    },
    { producer: 'test', key: key ?? passId },
  );
}
