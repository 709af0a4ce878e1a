import type { AuthenticatedUser, Role } from '@app/auth';
import { AppError } from '@app/platform';
import type { UserRecord } from './users.repository';

/** A user as the admin's list and the user routes show it; never the password hash. */
export interface UserView {
  id: string;
  username: string;
  role: Role;
  enterpriseId: string | null;
  checkpointCode: string | null;
  divisionScope: string | null;
  disabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export function toUserView(user: UserRecord): UserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    enterpriseId: user.enterpriseId,
    checkpointCode: user.checkpointCode,
    divisionScope: user.divisionScope,
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    disabledReason: user.disabledReason,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Who the access token says the user is: read from the row at each login and each refresh. */
export function toAuthenticatedUser(user: UserRecord): AuthenticatedUser {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    enterpriseId: user.enterpriseId,
    checkpointCode: user.checkpointCode,
    divisionScope: user.divisionScope,
  };
}

export const userNotFound = (): AppError =>
  AppError.notFound('USER_NOT_FOUND', 'There is no such user.');

export const accountDisabled = (): AppError =>
  new AppError(403, 'ACCOUNT_DISABLED', 'This account has been disabled; ask an administrator.');
