import { SCAN_REJECTION_REASONS } from '@app/contracts';
import { DomainErrorCode, normalizePlate, parsePlate } from '@app/domain';
import { z } from 'zod';

/** A QR longer than this is not even looked at; a real pass is well under half of it. */
export const QR_MAX_CHARS = 2048;

export const verifyPassSchema = z.strictObject({
  qr: z.string().max(QR_MAX_CHARS),
  checkpointCode: z.string().min(1).max(50),
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
   * Chosen by a scanner that may send the same scan twice (an offline queue): a resend is a
   * no-op. Lower-cased, the form PostgreSQL gives back, so the id is one string everywhere.
   */
  clientScanId: z
    .uuid()
    .transform((id) => id.toLowerCase())
    .optional(),
  /** The device's time of a scan that was queued offline; the server's clock still decides. */
  scannedAt: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v))
    .optional(),
});
export type VerifyPassCommand = z.infer<typeof verifyPassSchema>;

const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

export const listVerificationsSchema = z
  .strictObject({
    checkpointCode: z.string().min(1).max(50).optional(),
    verdict: z.enum(['accepted', 'rejected']).optional(),
    reason: z.enum(SCAN_REJECTION_REASONS).optional(),
    plate: z.string().min(1).max(40).transform(normalizePlate).optional(),
    passNumber: z
      .string()
      .regex(/^\d{12}$/, 'twelve digits')
      .optional(),
    from: z.iso
      .datetime({ offset: true })
      .transform((v) => new Date(v))
      .optional(),
    to: z.iso
      .datetime({ offset: true })
      .transform((v) => new Date(v))
      .optional(),
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
