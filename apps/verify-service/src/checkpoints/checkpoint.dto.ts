import { boundedText, coded } from '@app/contracts';
import { DomainErrorCode, findDivision, isSixDigitDivisionCode } from '@app/domain';
import { z } from 'zod';
import type { Checkpoint } from './checkpoint';

const knownDivision = z
  .string()
  .refine(isSixDigitDivisionCode, {
    message: 'must be a six-digit GB/T 2260 division code',
    params: { code: DomainErrorCode.DIVISION_UNKNOWN },
  })
  .refine((code) => findDivision(code) !== undefined, {
    message: 'is not a division in the GB/T 2260 data package',
    params: { code: DomainErrorCode.DIVISION_UNKNOWN },
  })
  .describe('A six-digit GB/T 2260 division code (DIVISION_UNKNOWN otherwise).');

export const createCheckpointSchema = z
  .strictObject({
    code: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/, 'letters, digits, "-", "_" or ".", at most 50'),
    name: coded('CHECKPOINT_NAME_INVALID', boundedText(1, 200), '1–200 characters'),
    divisionCode: knownDivision,
    corridorDivisions: z.array(knownDivision).max(50).default([]),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
  })
  .refine((body) => (body.latitude === undefined) === (body.longitude === undefined), {
    message: 'give both latitude and longitude, or neither',
    path: ['latitude'],
    params: { code: 'LOCATION_INCOMPLETE' },
  });
export type CreateCheckpointCommand = z.infer<typeof createCheckpointSchema>;

/** A checkpoint as the API shows it; published as the component `Checkpoint`. */
export const checkpointViewSchema = z
  .strictObject({
    code: z.string(),
    name: z.string(),
    divisionCode: z.string().describe('Six-digit GB/T 2260 code of the region it sits in.'),
    divisionName: z
      .string()
      .describe('Province, city and county names, e.g. "河南省 开封市 祥符区".'),
    corridorDivisions: z
      .array(z.string())
      .describe('Origin or destination divisions (any level) whose passes it also serves.'),
    latitude: z.number().nullable().describe('Null when the checkpoint has no location.'),
    longitude: z.number().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Checkpoint' });
export type CheckpointView = z.infer<typeof checkpointViewSchema>;

export const checkpointListSchema = z.strictObject({ items: z.array(checkpointViewSchema) });
export type CheckpointList = z.infer<typeof checkpointListSchema>;

export function toCheckpointView(checkpoint: Checkpoint): CheckpointView {
  return {
    code: checkpoint.code,
    name: checkpoint.name,
    divisionCode: checkpoint.divisionCode,
    divisionName: divisionName(checkpoint.divisionCode),
    corridorDivisions: checkpoint.corridorDivisions,
    latitude: checkpoint.location?.latitude ?? null,
    longitude: checkpoint.location?.longitude ?? null,
    createdAt: checkpoint.createdAt.toISOString(),
  };
}

/** "开封市 祥符区": the names an officer recognises, from the same data package as the codes. */
export function divisionName(code: string): string {
  const division = findDivision(code);
  if (!division) return code;
  const parts = [division.provinceName, division.cityName, division.name];
  return [...new Set(parts.filter((p): p is string => p !== undefined))].join(' ');
}
