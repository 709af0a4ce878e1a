import { AppError, ZodValidationPipe } from '@app/platform';
import { auditQuery } from './audit-query';

const pipe = new ZodValidationPipe(auditQuery);
const codeOf = (query: Record<string, unknown>): string => {
  try {
    pipe.transform(query);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'OK';
};

describe('GET /v1/audit query', () => {
  it('takes every filter, typed, with a default page size', () => {
    expect(
      pipe.transform({
        action: 'pass.revoked',
        targetType: 'pass',
        targetId: '7d1f0c1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
        actorId: '7D1F0C1E-2A3B-4C5D-8E9F-0A1B2C3D4E5F',
        from: '2026-01-01T00:00:00+08:00',
        to: '2026-02-01T00:00:00Z',
        cursor: '42',
      }),
    ).toEqual({
      action: 'pass.revoked',
      targetType: 'pass',
      targetId: '7d1f0c1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
      actorId: '7d1f0c1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
      from: new Date('2025-12-31T16:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
      cursor: '42',
      limit: 50,
    });
    expect(pipe.transform({})).toEqual({ limit: 50 });
  });

  it.each([
    [{ action: 'pass.deleted' }, 'ACTION_INVALID'],
    [{ action: ['pass.revoked', 'pass.approved'] }, 'ACTION_INVALID'],
    [{ targetType: 'audit' }, 'TARGET_TYPE_INVALID'],
    [{ targetId: '' }, 'TARGET_ID_INVALID'],
    [{ targetId: 'x'.repeat(101) }, 'TARGET_ID_INVALID'],
    [{ targetId: 'abc\u202edef' }, 'TEXT_INVALID'],
    [{ targetId: 'abc\u0000' }, 'TEXT_INVALID'],
    [{ actorId: 'admin' }, 'ACTOR_ID_INVALID'],
    [{ actorId: "' OR 1=1 --" }, 'ACTOR_ID_INVALID'],
    [{ from: '2026-01-01' }, 'DATE_INVALID'],
    [{ from: '2026-01-01T00:00:00' }, 'DATE_INVALID'],
    [{ from: '0000-01-01T00:00:00Z' }, 'DATE_INVALID'],
    [{ to: '+010000-01-01T00:00:00Z' }, 'DATE_INVALID'],
    [{ to: '2101-01-01T00:00:00Z' }, 'DATE_INVALID'],
    [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'RANGE_INVALID'],
    [{ cursor: '0' }, 'CURSOR_INVALID'],
    [{ cursor: '-1' }, 'CURSOR_INVALID'],
    [{ cursor: '1e3' }, 'CURSOR_INVALID'],
    [{ cursor: '9'.repeat(19) }, 'CURSOR_INVALID'],
    [{ limit: '0' }, 'LIMIT_INVALID'],
    [{ limit: '201' }, 'LIMIT_INVALID'],
    [{ limit: '1.5' }, 'LIMIT_INVALID'],
    [{ limit: 'ten' }, 'LIMIT_INVALID'],
    [{ divisionCode: '410202' }, 'UNKNOWN_FIELD'],
  ])('refuses %j with %s', (query, code) => {
    expect(codeOf(query)).toBe(code);
  });
});
