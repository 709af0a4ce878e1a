import type { AuthenticatedUser } from '@app/auth';

/** Every state change a person can make, named as `<target>.<past tense>`. */
export const AUDIT_ACTIONS = [
  'enterprise.registered',
  'enterprise.approved',
  'enterprise.rejected',
  'enterprise.suspended',
  'enterprise.reinstated',
  'enterprise.webhook-set',
  'enterprise.webhook-removed',
  'pass.approved',
  'pass.rejected',
  'pass.revoked',
  'pass.batch-applied',
  'pass.share-created',
  'pass.share-withdrawn',
  'pass.renewed',
  'pass.cancelled',
  'vehicle.registered',
  'plate.transfer-requested',
  'plate.transfer-approved',
  'plate.transfer-rejected',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.password-reset',
  'user.password-changed',
  'user.scope-changed',
  'signing-key.rotated',
  'checkpoint.created',
  'reporting.rebuilt',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  'enterprise',
  'pass',
  'pass-batch',
  'vehicle',
  'plate-transfer',
  'user',
  'signing-key',
  'checkpoint',
  'report',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** Who acted: a signed-in user, or an operator at a command line (a rebuild). */
export interface AuditActor {
  id: string | null;
  name: string;
  role: string;
  /** The HTTP request the change was made in (X-Request-Id); none for a command or a job. */
  requestId?: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  target: { type: AuditTargetType; id: string };
  /**
   * The division the target belongs to (an enterprise's, a pass's issuing county, a
   * checkpoint's), so that officials see the entries of their jurisdiction; null is visible to
   * the admin only.
   */
  divisionCode: string | null;
  reason?: string | null;
  /** Small, non-personal facts that explain the change (a pass number, a plate, a count). */
  details?: Record<string, string | number | boolean | null>;
}

export const actorOf = (user: AuthenticatedUser): AuditActor => ({
  id: user.userId,
  name: user.username,
  role: user.role,
  requestId: user.requestId ?? null,
});
