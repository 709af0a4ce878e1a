import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { reportScope } from './report-scope';

const user = (
  role: AuthenticatedUser['role'],
  divisionScope: string | null,
): AuthenticatedUser => ({
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'someone',
  role,
  enterpriseId: null,
  checkpointCode: null,
  divisionScope,
});

const refusal = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : 'not an AppError';
  }
};

describe('reportScope', () => {
  it('defaults an official to their own scope, as a LIKE prefix of its level', () => {
    expect(reportScope(user('official', '410200'), undefined)).toEqual({
      region: '410200',
      prefix: '4102',
    });
    expect(reportScope(user('official', '410000'), undefined)).toEqual({
      region: '410000',
      prefix: '41',
    });
    expect(reportScope(user('official', '410202'), undefined)).toEqual({
      region: '410202',
      prefix: '410202',
    });
  });

  it('narrows to a region inside the scope', () => {
    expect(reportScope(user('official', '410000'), '410225')).toEqual({
      region: '410225',
      prefix: '410225',
    });
  });

  it('refuses a region outside the scope or wider than it', () => {
    for (const region of ['440100', '410000', '440103', '420100']) {
      expect(refusal(() => reportScope(user('official', '410200'), region))).toBe(
        '403 SCOPE_EXCEEDED',
      );
    }
  });

  it('reports nationwide for the admin and unscoped officials unless they name a region', () => {
    for (const caller of [user('admin', null), user('official', null)]) {
      expect(reportScope(caller, undefined)).toEqual({ region: null, prefix: null });
      expect(reportScope(caller, '440100')).toEqual({ region: '440100', prefix: '4401' });
    }
  });
});
