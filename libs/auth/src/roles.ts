export const ROLES = ['enterprise', 'official', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the access token says. */
export interface AuthenticatedUser {
  userId: string;
  username: string;
  role: Role;
  /** Set for role `enterprise`: the only enterprise whose data this user may see. */
  enterpriseId: string | null;
  /** Set for role `officer`: the only checkpoint this user may verify at. */
  checkpointCode: string | null;
  /**
   * Set for role `official`: the province, city or county code they may see and decide; null is
   * nationwide (the admin, and officials created before scopes until an admin narrows them).
   */
  divisionScope: string | null;
  /** The HTTP request this user acts in (its X-Request-Id), so the audit trail can name it. */
  requestId?: string;
}

export const ACCESS_TOKEN_ISSUER = 'epass-pass-service';
export const ACCESS_TOKEN_AUDIENCE = 'epass-api';
