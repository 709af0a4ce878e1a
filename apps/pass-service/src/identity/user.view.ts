import { ROLES, type AuthenticatedUser } from '@app/auth';
import { z } from 'zod';
import { AppError } from '@app/platform';
import type { UserRecord } from './users.repository';

/** A user as the admin's list and the user routes show it; never the password hash. */
export const userViewSchema = z
  .strictObject({
    id: z.uuid(),
    username: z.string(),
    role: z.enum(ROLES),
    enterpriseId: z.uuid().nullable(),
    checkpointCode: z.string().nullable(),
    divisionScope: z.string().nullable().describe("An official's jurisdiction; null: nationwide."),
    disabled: z.boolean(),
    disabledAt: z.iso.datetime().nullable(),
    disabledReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export type UserView = z.infer<typeof userViewSchema>;

export const userPageSchema = z.strictObject({
  items: z.array(userViewSchema),
  nextCursor: z.string().nullable().describe('Pass it as `cursor` for the next page.'),
});

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
