import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import fc from 'fast-check';
import { EnterprisesRepository } from '../src/enterprises/enterprises.repository';
import { PassIssueBatcher } from '../src/passes/pass-issue-batcher';
import type { NewPass } from '../src/passes/passes.repository';
import { withPg } from '../../../test/support/test-env';
import {
  ADMIN,
  application,
  bearer,
  http,
  login,
  randomPlate,
  registerActiveEnterprise,
  startPassService,
  type TestEnterprise,
} from './pass-harness';

/**
 * Defence in depth behind the edge's validation: one application whose values the database
 * refuses shares a group commit with other enterprises' applications, and must fail alone.
 */

const DAY_MS = 86_400_000;

/** Values of the record's own types that PostgreSQL refuses (out of its ranges, or NUL in text). */
const refusedValue = fc.constantFrom<Partial<NewPass>>(
  { validUntil: new Date(8.64e15) }, // +275760, past PostgreSQL's last timestamp
  { validFrom: new Date(Date.now() + 2 * DAY_MS) }, // after validUntil: the table's CHECK
  { tonnageKg: 2 ** 63 }, // past bigint
  { driverName: '李\u0000' }, // text cannot hold NUL
  { originDivision: '4102021' }, // char(6)
);

describe('pass-service: an application the database refuses fails alone', () => {
  let app: NestFastifyApplication;
  let innocent: TestEnterprise;
  let other: TestEnterprise;

  beforeAll(async () => {
    app = await startPassService();
    innocent = await registerActiveEnterprise(app);
    other = await registerActiveEnterprise(app);
    await login(app, ADMIN.username, ADMIN.password);
  });
  afterAll(() => app?.close());

  function newPass(over: Partial<NewPass>): NewPass {
    const now = Date.now();
    return {
      id: randomUUID(),
      enterpriseId: other.id,
      issuingDivision: other.divisionCode,
      plate: randomPlate(),
      trailerPlate: null,
      driverName: '王师傅',
      driverPhone: '13912345678',
      cargoCategory: 'daily_necessities',
      cargoDescription: null,
      tonnageKg: 12_500,
      originDivision: '410202',
      destinationDivision: '410102',
      crossProvince: false,
      validFrom: new Date(now),
      validUntil: new Date(now + DAY_MS),
      requestHash: null,
      idempotencyKey: null,
      ...over,
    };
  }

  it('issues every innocent application of a batch that also carries refused ones (property, real PostgreSQL)', async () => {
    const batcher = app.get(PassIssueBatcher);
    const enterprise = await app
      .get(EnterprisesRepository)
      .findById(app.get(DataSource).manager, other.id);
    if (!enterprise) throw new Error('the other enterprise is not stored');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(refusedValue, { nil: undefined, freq: 3 }), {
          minLength: 2,
          maxLength: 40,
        }),
        async (slots) => {
          // Another enterprise's applications go through HTTP at the same time.
          const innocents = Array.from({ length: 5 }, () =>
            http(app).post('/v1/passes').set(bearer(innocent.token)).send(application()),
          );
          const direct = slots.map((refused) => newPass(refused ?? {}));
          const [answers, outcomes] = await Promise.all([
            Promise.all(innocents),
            Promise.allSettled(direct.map((pass) => batcher.issue({ pass, enterprise }))),
          ]);
          expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
          slots.forEach((refused, i) => {
            const outcome = outcomes[i];
            if (refused === undefined) {
              expect({ i, kind: outcome.status === 'fulfilled' && outcome.value.kind }).toEqual({
                i,
                kind: 'issued',
              });
            } else {
              expect(outcome.status).toBe('rejected');
            }
          });
          const stored = await withPg((c) =>
            c.query<{ id: string }>(
              `SELECT id FROM pass.passes WHERE id = ANY($1::uuid[]) AND status = 'issued'`,
              [direct.map((p) => p.id)],
            ),
          );
          expect(stored.rows.map((r) => r.id).sort()).toEqual(
            direct
              .filter((_, i) => slots[i] === undefined)
              .map((p) => p.id)
              .sort(),
          );
        },
      ),
      { numRuns: 20 },
    );
    // Numbers stay gap-free per county: a refused member never consumed a serial.
    const numbers = await withPg((c) =>
      c.query<{ n: number; max: number }>(
        `SELECT count(*)::int AS n, max(right(pass_number, 6)::int) AS max
         FROM pass.passes WHERE pass_number LIKE '410202%'`,
      ),
    );
    expect(numbers.rows[0].n).toBe(numbers.rows[0].max);
  });
});
