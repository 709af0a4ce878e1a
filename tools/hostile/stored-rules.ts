import {
  CARGO_CATEGORIES,
  findDivision,
  isCounty,
  isCrossProvince,
  isValidCreditCode,
  parsePlate,
  localDate,
} from '@app/domain';
import pg from 'pg';
import type { HostileConfig } from './config';
import type { ServiceName } from './openapi';

export interface Violation {
  service: ServiceName;
  table: string;
  id: string;
  rule: string;
}

export interface RuleReport {
  checked: Record<ServiceName, number>;
  violations: Violation[];
}

/** C0 controls, DEL, C1 controls, and the bidi controls (marks, embeddings, isolates). */
const CONTROL = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const MOBILE = /^1[3-9]\d{9}$/;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;
const CHECKPOINT_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/;
const DAY_MS = 86_400_000;
/** Rows this far outside the run still count as the run's: clocks and commits are not instant. */
const SLACK_MS = 60_000;
/** Upper bound on rows read per table; a run writes far fewer. */
const MAX_ROWS = 200_000;

/**
 * Reads what the run stored, straight from each service's schema, and checks the domain rules
 * (DESIGN.md, "Domain rules") that no accepted request may break, however odd its bytes were.
 * Only rows written since `since` are read, so that the stack's older data does not decide.
 */
export async function checkStoredRows(config: HostileConfig, since: Date): Promise<RuleReport> {
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  const report: RuleReport = {
    checked: { 'pass-service': 0, 'verify-service': 0, 'reporting-service': 0 },
    violations: [],
  };
  const from = new Date(since.getTime() - SLACK_MS);
  const now = new Date();
  const add = (service: ServiceName, table: string, id: string, rule: string) =>
    report.violations.push({ service, table, id, rule });
  const text = (
    service: ServiceName,
    table: string,
    id: string,
    columns: Record<string, unknown>,
  ) => {
    for (const [name, value] of Object.entries(columns)) {
      if (typeof value === 'string' && CONTROL.test(value)) {
        const at = [...value].find((c) => CONTROL.test(c)) ?? '';
        add(
          service,
          table,
          id,
          `${name} holds the control character U+${at.codePointAt(0)?.toString(16).padStart(4, '0').toUpperCase()}`,
        );
      }
    }
  };
  const rows = async (sql: string, params: unknown[]): Promise<Record<string, unknown>[]> =>
    (await client.query<Record<string, unknown>>(`${sql} LIMIT ${MAX_ROWS}`, params)).rows;

  try {
    const { limits } = config;
    const enterprises = await rows(
      `SELECT id, credit_code, name, division_code, contact_name, contact_phone, created_at
         FROM pass.enterprises WHERE created_at >= $1`,
      [from],
    );
    report.checked['pass-service'] += enterprises.length;
    for (const e of enterprises) {
      const id = String(e.id);
      text('pass-service', 'enterprises', id, {
        name: e.name,
        contact_name: e.contact_name,
        contact_phone: e.contact_phone,
      });
      if (!isValidCreditCode(String(e.credit_code)))
        add(
          'pass-service',
          'enterprises',
          id,
          `credit code ${String(e.credit_code)} fails its check character`,
        );
      if (!isCounty(String(e.division_code)))
        add(
          'pass-service',
          'enterprises',
          id,
          `division ${String(e.division_code)} is not a county`,
        );
      if (!MOBILE.test(String(e.contact_phone)))
        add('pass-service', 'enterprises', id, 'contact_phone is not a mainland mobile number');
      const name = String(e.name);
      if (name.trim() !== name || [...name].length < 2 || [...name].length > 200)
        add('pass-service', 'enterprises', id, 'name is not 2–200 trimmed characters');
    }

    const users = await rows(`SELECT id, username, role FROM pass.users WHERE created_at >= $1`, [
      from,
    ]);
    report.checked['pass-service'] += users.length;
    for (const u of users) {
      if (!USERNAME.test(String(u.username)))
        add(
          'pass-service',
          'users',
          String(u.id),
          `username ${JSON.stringify(u.username)} breaks the username rule`,
        );
    }

    const passes = await rows(
      `SELECT p.id, p.pass_number, p.plate, p.driver_name, p.driver_phone, p.cargo_category,
              p.cargo_description, p.tonnage_kg, p.origin_division, p.destination_division,
              p.cross_province, p.valid_from, p.valid_until, p.rejection_reason,
              p.revocation_reason, p.created_at, e.division_code AS enterprise_division
         FROM pass.passes p JOIN pass.enterprises e ON e.id = p.enterprise_id
        WHERE p.created_at >= $1`,
      [from],
    );
    report.checked['pass-service'] += passes.length;
    for (const p of passes) {
      const id = String(p.id);
      const add1 = (rule: string) => add('pass-service', 'passes', id, rule);
      text('pass-service', 'passes', id, {
        plate: p.plate,
        driver_name: p.driver_name,
        driver_phone: p.driver_phone,
        cargo_description: p.cargo_description,
        rejection_reason: p.rejection_reason,
        revocation_reason: p.revocation_reason,
      });
      const validFrom = p.valid_from as Date;
      const validUntil = p.valid_until as Date;
      const createdAt = p.created_at as Date;
      for (const [name, at] of [
        ['valid_from', validFrom],
        ['valid_until', validUntil],
      ] as const) {
        if (!inSystemRange(at))
          add1(`${name} ${printable(at)} is outside ${SYSTEM_RANGE.join(' to ')}`);
      }
      if (!(validFrom.getTime() <= validUntil.getTime())) add1('valid_from is after valid_until');
      if (validUntil.getTime() - validFrom.getTime() > limits.maxValidityDays * DAY_MS)
        add1(`valid for more than ${limits.maxValidityDays} days`);
      const firstDay = localDate(validFrom, limits.timeZone);
      const createdDay = localDate(createdAt, limits.timeZone);
      if (firstDay < createdDay)
        add1(`starts (${firstDay}) before the day it was applied for (${createdDay})`);
      const lastStart = localDate(
        new Date(Date.parse(`${createdDay}T00:00:00Z`) + limits.maxStartAheadDays * DAY_MS),
        'UTC',
      );
      if (firstDay > lastStart)
        add1(
          `starts (${firstDay}) more than ${limits.maxStartAheadDays} days after it was applied for (${createdDay})`,
        );
      const kg = Number(p.tonnage_kg);
      if (!(kg > 0) || kg > limits.maxTonnageKg)
        add1(`tonnage ${kg} kg is not in (0, ${limits.maxTonnageKg}]`);
      const plate = parsePlate(String(p.plate));
      if (!plate.ok) add1(`plate ${JSON.stringify(p.plate)} does not parse`);
      else if (plate.plate !== p.plate)
        add1(`plate ${JSON.stringify(p.plate)} is stored unnormalised`);
      const origin = String(p.origin_division);
      const destination = String(p.destination_division);
      if (!isCounty(origin) || !isCounty(destination))
        add1(`route ${origin} → ${destination} is not county to county`);
      else if (Boolean(p.cross_province) !== isCrossProvince(origin, destination))
        add1('cross_province disagrees with the route');
      if (!(CARGO_CATEGORIES as readonly string[]).includes(String(p.cargo_category)))
        add1(`cargo ${String(p.cargo_category)} is not a category`);
      if (!MOBILE.test(String(p.driver_phone)))
        add1('driver_phone is not a mainland mobile number');
      const driver = String(p.driver_name);
      if (driver.trim() !== driver || driver.length === 0 || [...driver].length > 50)
        add1('driver_name is not 1–50 trimmed characters');
      if (typeof p.cargo_description === 'string' && [...p.cargo_description].length > 200)
        add1('cargo_description is over 200 characters');
      if (typeof p.pass_number === 'string') {
        const number = p.pass_number;
        if (!/^\d{12}$/.test(number) || !number.startsWith(String(p.enterprise_division)))
          add1(`pass number ${number} is not the enterprise's county and a serial`);
      }
    }

    const checkpoints = await rows(
      `SELECT code, name, division_code, corridor_divisions, latitude, longitude
         FROM verify.checkpoints WHERE created_at >= $1`,
      [from],
    );
    report.checked['verify-service'] += checkpoints.length;
    for (const c of checkpoints) {
      const id = String(c.code);
      const add1 = (rule: string) => add('verify-service', 'checkpoints', id, rule);
      text('verify-service', 'checkpoints', id, { code: c.code, name: c.name });
      if (!CHECKPOINT_CODE.test(id)) add1('code breaks the checkpoint code rule');
      const name = String(c.name);
      if (name.trim() !== name || name.length === 0 || [...name].length > 200)
        add1('name is not 1–200 trimmed characters');
      if (!findDivision(String(c.division_code)))
        add1(`division ${String(c.division_code)} is unknown`);
      for (const d of (c.corridor_divisions as string[] | null) ?? []) {
        if (!findDivision(d)) add1(`corridor division ${d} is unknown`);
      }
      const lat = c.latitude as number | null;
      const lon = c.longitude as number | null;
      if (lat !== null && (!(lat >= -90) || !(lat <= 90))) add1(`latitude ${lat} is off the globe`);
      if (lon !== null && (!(lon >= -180) || !(lon <= 180)))
        add1(`longitude ${lon} is off the globe`);
    }

    const scans = await rows(
      `SELECT id, checked_at, device_scanned_at, plate, observed_plate, pass_number, tonnage_kg
         FROM verify.scans WHERE checked_at >= $1 OR checked_at > $2`,
      [from, new Date(now.getTime() + SLACK_MS)],
    );
    report.checked['verify-service'] += scans.length;
    for (const s of scans) {
      const id = String(s.id);
      const add1 = (rule: string) => add('verify-service', 'scans', id, rule);
      text('verify-service', 'scans', id, { plate: s.plate, observed_plate: s.observed_plate });
      const checkedAt = s.checked_at as Date;
      if (checkedAt.getTime() > now.getTime() + SLACK_MS)
        add1(`checked_at ${printable(checkedAt)} is in the future`);
      const device = s.device_scanned_at as Date | null;
      if (device !== null) {
        const t = device.getTime();
        const earliest = checkedAt.getTime() - limits.scannedAtMaxAgeMs - SLACK_MS;
        const latest = checkedAt.getTime() + limits.scannedAtMaxAheadMs + SLACK_MS;
        if (!Number.isFinite(t) || t < earliest || t > latest)
          add1(
            `device_scanned_at ${printable(device)} is not within ${limits.scannedAtMaxAgeMs / 3_600_000} h before and ${limits.scannedAtMaxAheadMs / 1000} s after checked_at`,
          );
      }
      if (typeof s.pass_number === 'string' && !/^\d{12}$/.test(s.pass_number))
        add1('pass_number is not 12 digits');
      if (s.tonnage_kg !== null && !(Number(s.tonnage_kg) > 0)) add1('tonnage_kg is not positive');
      if (typeof s.observed_plate === 'string') {
        const parsed = parsePlate(s.observed_plate);
        if (!parsed.ok || parsed.plate !== s.observed_plate)
          add1(`observed_plate ${JSON.stringify(s.observed_plate)} is not a normalised plate`);
      }
    }

    // Aggregates have no time of writing; all of them must hold at all times.
    const negative = await rows(
      `SELECT 'pass_daily' AS t, day::text AS id FROM reporting.pass_daily
        WHERE passes_issued < 0 OR passes_revoked < 0 OR cross_province < 0 OR tonnage_declared_kg < 0
          OR day > CURRENT_DATE + 2
       UNION ALL
       SELECT 'checkpoint_hourly', day::text || ' ' || hour FROM reporting.checkpoint_hourly
        WHERE scans < 0 OR tonnage_through_kg < 0 OR clone_flags < 0 OR hour NOT BETWEEN 0 AND 23
          OR day > CURRENT_DATE + 2`,
      [],
    );
    const counted = await client.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM reporting.pass_daily) + (SELECT count(*) FROM reporting.checkpoint_hourly) AS n`,
    );
    report.checked['reporting-service'] += Number(counted.rows[0].n);
    for (const r of negative)
      add(
        'reporting-service',
        String(r.t),
        String(r.id),
        'a negative total, an hour outside 0–23 or a day in the future',
      );
    const names = await rows(
      `SELECT credit_code, name FROM reporting.enterprises WHERE credit_code = ANY($1::text[])`,
      [enterprises.map((e) => String(e.credit_code))],
    );
    report.checked['reporting-service'] += names.length;
    for (const n of names)
      text('reporting-service', 'enterprises', String(n.credit_code), { name: n.name });
  } finally {
    await client.end();
  }
  return report;
}

/** Every instant in the system lies in this range (the one libs/contracts documents for every edge). */
const SYSTEM_RANGE = ['2000-01-01T00:00:00.000Z', '2100-12-31T23:59:59.999Z'] as const;

function inSystemRange(at: Date): boolean {
  const t = at.getTime();
  return t >= Date.parse(SYSTEM_RANGE[0]) && t <= Date.parse(SYSTEM_RANGE[1]);
}

function printable(at: Date): string {
  return Number.isFinite(at.getTime()) ? at.toISOString() : 'an invalid date';
}
