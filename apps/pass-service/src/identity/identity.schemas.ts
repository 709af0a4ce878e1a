import { ROLES } from '@app/auth';
import { plainText } from '@app/contracts';
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
  });
export type CreateUserBody = z.infer<typeof createUserBody>;
