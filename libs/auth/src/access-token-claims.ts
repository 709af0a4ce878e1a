import { z } from 'zod';
import { ROLES, type AuthenticatedUser } from './roles';

/** The access token's claims; short names keep the header small. */
export const accessTokenClaims = z.object({
  sub: z.uuid(),
  usr: z.string().min(1).max(100),
  role: z.enum(ROLES),
  ent: z.uuid().nullable().optional(),
  cp: z.string().max(50).nullable().optional(),
  /** The official's jurisdiction (six-digit division code); absent or null is nationwide. */
  scp: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;

export function toUser(claims: AccessTokenClaims): AuthenticatedUser {
  return {
    userId: claims.sub,
    username: claims.usr,
    role: claims.role,
    enterpriseId: claims.ent ?? null,
    checkpointCode: claims.cp ?? null,
    divisionScope: claims.scp ?? null,
  };
}

export function toClaims(user: AuthenticatedUser): AccessTokenClaims {
  return {
    sub: user.userId,
    usr: user.username,
    role: user.role,
    ent: user.enterpriseId,
    cp: user.checkpointCode,
    scp: user.divisionScope,
  };
}
