import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import {
  EnterprisesRepository,
  type EnterpriseRecord,
} from '../src/enterprises/enterprises.repository';
import { PassIssueBatcher } from '../src/passes/pass-issue-batcher';
import { PassesRepository, type NewPass } from '../src/passes/passes.repository';
import { withPg } from '../../../test/support/test-env';
import { randomPlate, registerActiveEnterprise, startPassService } from './pass-harness';

const DAY_MS = 86_400_000;

/** One application of a generated run: which plate of the pool, by whom, when, and which path. */
interface Claim {
  plate: number;
  enterprise: number;
  day: number;
  trailer: boolean;
  review: boolean;
}

type Outcome = 'issued' | 'pending' | 'held' | 'overlap' | 'exhausted';

const claim = fc.record<Claim>({
  plate: fc.integer({ min: 0, max: 3 }),
  enterprise: fc.integer({ min: 0, max: 2 }),
  day: fc.integer({ min: 0, max: 5 }),
  trailer: fc.boolean(),
  review: fc.boolean(),
});

/**
 * The plate rule under contention, on the real tables: batches from the issuing path (one
 * transaction for many applications, the set-based claim) race single statements from the
 * review path, for a small pool of plates some of which are already held.
 */
describe('pass-service: the plate rule of batched and reviewed applications (property, real PostgreSQL)', () => {
  let app: NestFastifyApplication;
  let enterprises: EnterpriseRecord[];

  beforeAll(async () => {
    app = await startPassService();
    const manager = app.get(DataSource).manager;
    enterprises = [];
    for (const county of ['410202', '410203', '410204']) {
      const { id } = await registerActiveEnterprise(app, county);
      const record = await app.get(EnterprisesRepository).findById(manager, id);
      if (!record) throw new Error(`enterprise ${id} is not stored`);
      enterprises.push(record);
    }
  });
  afterAll(() => app?.close());

  const holders = async (plates: string[]): Promise<Map<string, string[]>> => {
    const { rows } = await withPg((pg) =>
      pg.query<{ plate: string; enterprise_id: string }>(
        'SELECT plate, enterprise_id FROM pass.vehicles WHERE plate = ANY($1::text[])',
        [plates],
      ),
    );
    const byPlate = new Map<string, string[]>();
    for (const row of rows)
      byPlate.set(row.plate, [...(byPlate.get(row.plate) ?? []), row.enterprise_id]);
    return byPlate;
  };

  it('registers each new plate to exactly one applicant, and only its holder gets passes on it', async () => {
    const batcher = app.get(PassIssueBatcher);
    const passes = app.get(PassesRepository);
    const manager = app.get(DataSource).manager;
    await fc.assert(
      fc.asyncProperty(
        fc.array(claim, { minLength: 1, maxLength: 30 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), {
          minLength: 4,
          maxLength: 4,
        }),
        async (claims, preheld) => {
          const pool = Array.from({ length: 4 }, () => randomPlate('豫Q'));
          // Some plates are held before the run, as by an earlier application.
          for (const [i, holder] of preheld.entries()) {
            if (holder === undefined) continue;
            await withPg((pg) =>
              pg.query(
                `INSERT INTO pass.vehicles (id, plate, enterprise_id, kind) VALUES ($1, $2, $3, 'truck')`,
                [randomUUID(), pool[i], enterprises[holder].id],
              ),
            );
          }
          const start = Date.now() + DAY_MS;
          const applications = claims.map((c) => {
            const enterprise = enterprises[c.enterprise];
            // The two paths apply for different days: two transactions inserting overlapping
            // passes may deadlock on the exclusion constraint, which is not the rule under test.
            const day = c.day + (c.review ? 6 : 0);
            const pass: NewPass = {
              id: randomUUID(),
              enterpriseId: enterprise.id,
              issuingDivision: enterprise.divisionCode,
              plate: pool[c.plate],
              trailerPlate: c.trailer ? '豫Q1234挂' : null,
              driverName: '王师傅',
              driverPhone: '13912345678',
              cargoCategory: 'daily_necessities',
              cargoDescription: null,
              tonnageKg: 12_500,
              originDivision: '410202',
              destinationDivision: '410102',
              crossProvince: false,
              validFrom: new Date(start + day * DAY_MS),
              validUntil: new Date(start + (day + 1) * DAY_MS - 1000),
              requestHash: null,
              idempotencyKey: null,
            };
            return { claim: c, pass, enterprise };
          });
          const outcomes = await Promise.all(
            applications.map(async ({ claim: c, pass, enterprise }): Promise<Outcome> => {
              if (!c.review) {
                const outcome = await batcher.issue({ pass, enterprise });
                if (outcome.kind === 'not-active') throw new Error('the enterprise is not active');
                return outcome.kind === 'skipped' ? 'overlap' : outcome.kind;
              }
              try {
                return (await passes.insertPending(manager, pass)) ? 'pending' : 'held';
              } catch (error) {
                if ((error as { driverError?: { code?: string } }).driverError?.code === '23P01')
                  return 'overlap';
                throw error;
              }
            }),
          );

          const after = await holders(pool);
          applications.forEach(({ claim: c, pass }, i) => {
            const plateHolders = after.get(pass.plate) ?? [];
            // One holder per plate: the one it had, or one of the plate's applicants.
            expect(plateHolders).toHaveLength(1);
            const holder = plateHolders[0];
            const before = preheld[c.plate];
            if (before !== undefined) expect(holder).toBe(enterprises[before].id);
            else
              expect(
                applications.some(
                  (x) => x.pass.plate === pass.plate && x.pass.enterpriseId === holder,
                ),
              ).toBe(true);
            const mine = holder === pass.enterpriseId;
            expect({ i, outcome: outcomes[i], mine }).toEqual({
              i,
              outcome: outcomes[i],
              mine: outcomes[i] !== 'held',
            });
          });
          const { rows } = await withPg((pg) =>
            pg.query(
              `SELECT p.id FROM pass.passes p JOIN pass.vehicles v ON v.plate = p.plate
               WHERE p.plate = ANY($1::text[]) AND p.enterprise_id <> v.enterprise_id`,
              [pool],
            ),
          );
          expect(rows).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });
});
