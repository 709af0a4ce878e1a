import type { AuthenticatedUser, Role } from '@app/auth';
import { mayReadDriverPhone } from './driver-phone';

const ENTERPRISE = '0f9a8b7c-6d5e-4f3a-8b1c-2d3e4f5a6b7c';
const user = (role: Role, over: Partial<AuthenticatedUser> = {}): AuthenticatedUser => ({
  userId: '7d1f0c1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
  username: role,
  role,
  enterpriseId: role === 'enterprise' ? ENTERPRISE : null,
  checkpointCode: role === 'officer' ? 'KF-01' : null,
  divisionScope: null,
  ...over,
});
const pass = { enterpriseId: ENTERPRISE };

describe('mayReadDriverPhone', () => {
  it('shows the owning enterprise its driver’s phone, and no other enterprise', () => {
    expect(mayReadDriverPhone(user('enterprise'), pass, '410202')).toBe(true);
    expect(
      mayReadDriverPhone(
        user('enterprise', { enterpriseId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' }),
        pass,
        '410202',
      ),
    ).toBe(false);
    expect(mayReadDriverPhone(user('enterprise', { enterpriseId: null }), pass, '410202')).toBe(
      false,
    );
  });

  it('shows an official in scope of the enterprise’s division, and none outside it', () => {
    expect(mayReadDriverPhone(user('official'), pass, '440106')).toBe(true);
    expect(mayReadDriverPhone(user('official', { divisionScope: '410000' }), pass, '410202')).toBe(
      true,
    );
    expect(mayReadDriverPhone(user('official', { divisionScope: '410200' }), pass, '410202')).toBe(
      true,
    );
    expect(mayReadDriverPhone(user('official', { divisionScope: '410202' }), pass, '410202')).toBe(
      true,
    );
    expect(mayReadDriverPhone(user('official', { divisionScope: '410100' }), pass, '410202')).toBe(
      false,
    );
    expect(mayReadDriverPhone(user('official', { divisionScope: '440000' }), pass, '410202')).toBe(
      false,
    );
  });

  it('masks it for an official whose scope is unknown, or when the enterprise is not found', () => {
    expect(mayReadDriverPhone(user('official', { divisionScope: '419999' }), pass, '410202')).toBe(
      false,
    );
    expect(mayReadDriverPhone(user('official'), pass, undefined)).toBe(false);
  });

  it('masks it for the admin (least privilege) and for officers', () => {
    expect(mayReadDriverPhone(user('admin'), pass, '410202')).toBe(false);
    expect(mayReadDriverPhone(user('officer'), pass, '410202')).toBe(false);
  });
});
