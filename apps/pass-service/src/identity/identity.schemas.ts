import { ROLES } from '@app/auth';
import { boundedText, coded, plainText } from '@app/contracts';
import { isDivisionScope } from '@app/domain';
import { z } from 'zod';

/** Usernames are compared case-insensitively, so they are stored lower-cased. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{2,63}$/, '3–64 letters, digits or . _ @ -');

/** Bounded above too: argon2 hashes whatever it gets, so a huge password is a cheap DoS. */
export const password = z.string().min(8, 'at least 8 characters').max(128);

export const loginBody = z.strictObject({
  username: plainText(64).min(1),
  password: z.string().min(1).max(128),
});
export type LoginBody = z.infer<typeof loginBody>;

/**
 * Any string of a sane length: whether it is a live token is the use case's answer (401), not
 * a shape rule (a 400 would tell a client with a stale token something else than "signed out").
 */
const refreshToken = z.string().min(1).max(256);

export const refreshBody = z.strictObject({ refreshToken });
export type RefreshBody = z.infer<typeof refreshBody>;

export const changePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1).max(128),
    newPassword: coded('PASSWORD_INVALID', password, 'a password of 8–128 characters'),
    /** The session to keep: the caller's own. Every other session of the user ends. */
    refreshToken: refreshToken.optional(),
  })
  .refine((body) => body.newPassword !== body.currentPassword, {
    path: ['newPassword'],
    message: 'the new password must differ from the current one',
    params: { code: 'PASSWORD_UNCHANGED' },
  });
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

const SCOPE_HINT = 'a known province, city or county code (six digits, e.g. 410200)';
const scopeCode = z.string().trim().refine(isDivisionScope);

/** An official's jurisdiction: a province, city or county code of the division data package. */
export const divisionScope = coded('DIVISION_SCOPE_INVALID', scopeCode, SCOPE_HINT);

export const createUserBody = z
  .strictObject({
    username,
    password,
    role: z.enum(ROLES),
    checkpointCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,50}$/, 'letters, digits, _ or -, up to 50')
      .optional(),
    divisionScope: divisionScope.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.role === 'enterprise') {
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message: 'enterprise accounts are created by POST /v1/enterprises',
        params: { code: 'ROLE_INVALID' },
      });
    }
    if ((body.role === 'officer') !== (body.checkpointCode !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['checkpointCode'],
        message: 'an officer needs a checkpointCode, and only an officer has one',
        params: { code: 'CHECKPOINT_CODE_INVALID' },
      });
    }
    if (body.divisionScope !== undefined && body.role !== 'official') {
      ctx.addIssue({
        code: 'custom',
        path: ['divisionScope'],
        message: 'only an official has a divisionScope',
        params: { code: 'DIVISION_SCOPE_INVALID' },
      });
    }
  });
export type CreateUserBody = z.infer<typeof createUserBody>;

export const listUsersQuery = z.strictObject({
  role: coded('ROLE_INVALID', z.enum(ROLES), `one of ${ROLES.join(', ')}`).optional(),
  disabled: coded(
    'DISABLED_INVALID',
    z.enum(['true', 'false']).transform((v) => v === 'true'),
    'true or false',
  ).optional(),
  cursor: coded(
    'CURSOR_INVALID',
    z.string().regex(/^[a-z0-9][a-z0-9._@-]{2,63}$/),
    'a nextCursor from a previous page',
  ).optional(),
  limit: coded(
    'LIMIT_INVALID',
    z.coerce.number().int().min(1).max(200),
    'an integer from 1 to 200',
  ).default(50),
});
export type ListUsersQuery = z.output<typeof listUsersQuery>;

const reason = coded('REASON_INVALID', boundedText(1, 500), 'a reason of 1–500 characters');

export const disableUserBody = z.strictObject({ reason });
export type DisableUserBody = z.output<typeof disableUserBody>;

export const enableUserBody = z.strictObject({ reason: reason.optional() });
export type EnableUserBody = z.output<typeof enableUserBody>;

export const resetPasswordBody = z.strictObject({
  password: coded('PASSWORD_INVALID', password, 'a password of 8–128 characters'),
});
export type ResetPasswordBody = z.output<typeof resetPasswordBody>;

export const changeScopeBody = z.strictObject({
  // Present and null means nationwide; absent is a mistake, not a default.
  divisionScope: coded(
    'DIVISION_SCOPE_INVALID',
    z.union([z.null(), scopeCode]),
    `${SCOPE_HINT}, or null for nationwide`,
  ),
});
export type ChangeScopeBody = z.output<typeof changeScopeBody>;
