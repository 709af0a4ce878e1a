import {
  coded,
  plainText,
  SCAN_REJECTION_REASONS,
  zonedDateTime,
  zonedInstant,
} from '@app/contracts';
import { DomainErrorCode, normalizePlate, parsePlate } from '@app/domain';
import { z } from 'zod';

/** A QR longer than this is not even looked at; a real pass is well under half of it. */
export const QR_MAX_CHARS = 2048;

/** How far a device's scannedAt may lie behind and ahead of the server's clock. */
export interface ScannedAtLimits {
  maxAgeMs: number;
  maxAheadMs: number;
}

/**
 * A device's time of a scan: an offline queue sends it late, up to the queue's limit, and a phone
 * clock may run a little fast; anything else is a broken clock or a forged time, refused before
 * it can reach the scans table (year 0000 once failed a whole batch of other officers' scans).
 */
function scannedAt(limits: ScannedAtLimits, now: () => Date) {
  const rule = `must be at most ${duration(limits.maxAgeMs)} before and ${duration(limits.maxAheadMs)} after the server's clock`;
  return coded(
    'SCANNED_AT_INVALID',
    zonedDateTime,
    'an ISO-8601 date-time with a time zone, e.g. 2022-04-07T08:00:00+08:00',
  ).pipe(
    z.date().refine(
      (at) => {
        const serverNow = now().getTime();
        return (
          at.getTime() >= serverNow - limits.maxAgeMs &&
          at.getTime() <= serverNow + limits.maxAheadMs
        );
      },
      { message: rule, params: { code: 'SCANNED_AT_OUT_OF_RANGE' } },
    ),
  );
}

function duration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes % 1440 === 0) return `${minutes / 1440} day(s)`;
  if (minutes % 60 === 0) return `${minutes / 60} hour(s)`;
  return Number.isInteger(minutes) ? `${minutes} minute(s)` : `${ms / 1000} second(s)`;
}

/** `now` is the server's clock (the injected Clock), which the scannedAt window is measured from. */
export const verifyPassSchema = (limits: ScannedAtLimits, now: () => Date) =>
  z.strictObject({
    qr: z.string().max(QR_MAX_CHARS),
    checkpointCode: plainText(50).min(1),
    direction: z.enum(['entry', 'exit']),
    /** The plate the officer reads off the truck, reduced to the form the pass carries. */
    observedPlate: z
      .string()
      .max(40)
      .transform((plate, ctx) => {
        const parsed = parsePlate(plate);
        if (parsed.ok) return parsed.plate;
        ctx.addIssue({
          code: 'custom',
          message: 'is not a mainland Chinese vehicle plate',
          params: { code: DomainErrorCode.PLATE_INVALID },
        });
        return z.NEVER;
      })
      .optional(),
    /**
     * The trailer's plate the officer reads off a tractor's trailer, compared with the pass's
     * trailer plate like observedPlate with its plate.
     */
    trailerPlate: coded(
      'TRAILER_PLATE_INVALID',
      z
        .string()
        .max(40)
        .refine((plate) => {
          const parsed = parsePlate(plate);
          return parsed.ok && parsed.kind === 'trailer';
        })
        .transform(normalizePlate),
      'a mainland Chinese trailer plate (豫B1234挂) of at most 40 characters',
    ).optional(),
    /**
     * Chosen by a scanner that may send the same scan twice (an offline queue): a resend is a
     * no-op. Lower-cased, the form PostgreSQL gives back, so the id is one string everywhere.
     */
    clientScanId: z
      .uuid()
      .transform((id) => id.toLowerCase())
      .optional(),
    /** The device's time of a scan that was queued offline; the server's clock still decides. */
    scannedAt: scannedAt(limits, now).optional(),
  });
export type VerifyPassCommand = z.infer<ReturnType<typeof verifyPassSchema>>;

/**
 * The body as the contract publishes it. The scannedAt window is configuration
 * (SCANNED_AT_MAX_AGE_HOURS, SCANNED_AT_MAX_AHEAD_SECONDS), checked by a refinement that JSON
 * Schema cannot carry, so every window publishes the same schema; VerifyPassBodyPipe validates
 * with the configured one.
 */
export const publishedVerifyPassBody = verifyPassSchema(
  { maxAgeMs: Infinity, maxAheadMs: Infinity },
  () => new Date(),
);

const queryInstant = coded(
  'DATE_INVALID',
  zonedInstant,
  'an ISO-8601 date-time with a time zone, from 2000 to 2100',
);

const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

export const listVerificationsSchema = z
  .strictObject({
    checkpointCode: plainText(50).min(1).optional(),
    verdict: z.enum(['accepted', 'rejected']).optional(),
    reason: z.enum(SCAN_REJECTION_REASONS).optional(),
    plate: plainText(40).min(1).transform(normalizePlate).optional(),
    passNumber: z
      .string()
      .regex(/^\d{12}$/, 'twelve digits')
      .optional(),
    from: queryInstant.optional(),
    to: queryInstant.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .regex(CURSOR)
      .transform((value, ctx) => {
        const cursor = decodeCursor(value);
        if (cursor) return cursor;
        ctx.addIssue({
          code: 'custom',
          message: 'is not a cursor this endpoint returned',
          params: { code: 'CURSOR_INVALID' },
        });
        return z.NEVER;
      })
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
    params: { code: 'RANGE_INVALID' },
  });
export type ListVerificationsQuery = z.infer<typeof listVerificationsSchema>;

export interface ScanCursor {
  checkedAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: ScanCursor): string {
  return Buffer.from(`${cursor.checkedAt.toISOString()}|${cursor.id}`).toString('base64url');
}

function decodeCursor(value: string): ScanCursor | undefined {
  const [at, id, extra] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const checkedAt = new Date(at ?? '');
  if (extra !== undefined || !id || !UUID.test(id) || Number.isNaN(checkedAt.getTime())) {
    return undefined;
  }
  return { checkedAt, id };
}
