import {
  CheckpointScannedV1,
  createEvent,
  PassIssuedV1,
  PassRevokedV1,
  Topic,
  type AnyEvent,
} from '@app/contracts';
import type { CargoCategory } from '@app/domain';
import { randomUUID } from 'node:crypto';

export const ENTERPRISE_A = { creditCode: '91410200MA44111101', name: '开封测试物流有限公司' };
export const ENTERPRISE_B = { creditCode: '91110000MA01222202', name: '北京"快运",有限公司' };

/** A day far from any other run's data, so repeated runs on one broker never mix their totals. */
export function randomBaseDay(): string {
  const offset = Math.floor(Math.random() * 20_000);
  return new Date(Date.UTC(2040, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An instant given as Shanghai wall-clock time. */
export function shanghai(day: string, time: string): Date {
  return new Date(`${day}T${time}+08:00`);
}

export interface PassSpec {
  at: Date;
  tonnageKg: number;
  cargo?: CargoCategory;
  origin?: string;
  destination?: string;
  enterprise?: { creditCode: string; name: string };
}

export function issued(spec: PassSpec): PassIssuedV1 {
  const passId = randomUUID();
  const enterprise = spec.enterprise ?? ENTERPRISE_A;
  const origin = spec.origin ?? '410202';
  const destination = spec.destination ?? '410102';
  return createEvent(
    PassIssuedV1,
    {
      passId,
      passNumber: `${origin}000001`,
      plate: '豫B12345',
      enterpriseId: randomUUID(),
      enterpriseCreditCode: enterprise.creditCode,
      enterpriseName: enterprise.name,
      cargoCategory: spec.cargo ?? 'daily_necessities',
      tonnageKg: spec.tonnageKg,
      originDivision: origin,
      destinationDivision: destination,
      crossProvince: origin.slice(0, 2) !== destination.slice(0, 2),
      validFrom: spec.at.toISOString(),
      validUntil: new Date(spec.at.getTime() + 7 * 86_400_000).toISOString(),
      kid: 'test-kid',
    },
    { producer: 'test', key: passId, occurredAt: spec.at },
  );
}

export function revoked(pass: PassIssuedV1, at: Date): PassRevokedV1 {
  const d = pass.data;
  return createEvent(
    PassRevokedV1,
    {
      passId: d.passId,
      passNumber: d.passNumber,
      reason: 'vehicle reassigned',
      revokedByRole: 'official',
      enterpriseId: d.enterpriseId,
      enterpriseCreditCode: d.enterpriseCreditCode,
      cargoCategory: d.cargoCategory,
      tonnageKg: d.tonnageKg,
      originDivision: d.originDivision,
      destinationDivision: d.destinationDivision,
      validUntil: d.validUntil,
    },
    { producer: 'test', key: d.passId, occurredAt: at },
  );
}

export interface ScanSpec {
  at: Date;
  checkpoint: string;
  direction?: 'entry' | 'exit';
  verdict?: 'accepted' | 'rejected';
  reason?: CheckpointScannedV1['data']['reason'];
  cloneSuspected?: boolean;
  /** The checkpoint's division (its jurisdiction); Kaifeng's 410202 unless given. */
  checkpointDivision?: string;
}

/** A scan of a pass; without a pass it is a QR that was not a readable pass. */
export function scanned(pass: PassIssuedV1 | null, spec: ScanSpec): CheckpointScannedV1 {
  const d = pass?.data;
  const verdict = spec.verdict ?? 'accepted';
  return createEvent(
    CheckpointScannedV1,
    {
      scanId: randomUUID(),
      checkpointCode: spec.checkpoint,
      checkpointDivision: spec.checkpointDivision ?? '410202',
      direction: spec.direction ?? 'entry',
      verdict,
      reason: verdict === 'accepted' ? null : (spec.reason ?? 'NOT_A_PASS'),
      cloneSuspected: spec.cloneSuspected ?? false,
      passId: d?.passId ?? null,
      passNumber: d?.passNumber ?? null,
      plate: d?.plate ?? null,
      enterpriseCreditCode: d?.enterpriseCreditCode ?? null,
      cargoCategory: d?.cargoCategory ?? null,
      tonnageKg: d?.tonnageKg ?? null,
      originDivision: d?.originDivision ?? null,
      destinationDivision: d?.destinationDivision ?? null,
    },
    { producer: 'test', key: d?.passId ?? randomUUID(), occurredAt: spec.at },
  );
}

export function toMessage(event: AnyEvent): { topic: Topic; key: string; value: string } {
  const topic = event.type === 'checkpoint.scanned' ? Topic.Checkpoint : Topic.Pass;
  return { topic, key: event.key, value: JSON.stringify(event) };
}

/** A generated month-like data set whose expected totals are summed by hand, in bigint. */
export function generateDataSet(firstDay: string, passes: number) {
  const issuedEvents: PassIssuedV1[] = [];
  const expected = { issued: 0, revoked: 0, cross: 0, declaredKg: 0n, throughKg: 0n, accepted: 0 };
  const others: AnyEvent[] = [];
  for (let i = 0; i < passes; i += 1) {
    const day = addDays(firstDay, i % 3);
    const tonnageKg = 1 + ((i * 7_919_993) % 49_999_999);
    const crossProvince = i % 17 === 0;
    const pass = issued({
      at: shanghai(
        day,
        `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000`,
      ),
      tonnageKg,
      destination: crossProvince ? '320102' : '410102',
    });
    issuedEvents.push(pass);
    expected.issued += 1;
    expected.declaredKg += BigInt(tonnageKg);
    if (crossProvince) expected.cross += 1;
    if (i % 5 === 0) {
      others.push(scanned(pass, { at: shanghai(day, '23:00:00.000'), checkpoint: 'CP-X' }));
      expected.accepted += 1;
      expected.throughKg += BigInt(tonnageKg);
    }
    if (i % 11 === 0) {
      others.push(revoked(pass, shanghai(day, '23:30:00.000')));
      expected.revoked += 1;
    }
  }
  return { events: [...issuedEvents, ...others], expected };
}

export function tons(kg: bigint): string {
  return `${kg / 1000n}.${(kg % 1000n).toString().padStart(3, '0')}`;
}
