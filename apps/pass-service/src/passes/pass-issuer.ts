import { Inject, Injectable } from '@nestjs/common';
import { CARGO_SHORT_CODES, createEvent, PassIssuedV1 } from '@app/contracts';
import { formatPassNumber, MAX_PASS_SERIAL, type CargoCategory } from '@app/domain';
import { OutboxWriter } from '@app/messaging';
import { AppError } from '@app/platform';
import { signPassQr } from '@app/pass-token';
import type { EntityManager } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import type { EnterpriseRecord } from '../enterprises/enterprises.repository';
import { SigningKeyStore } from '../signing-keys/signing-key.store';
import type { PassRecord } from './pass.record';
import { PassesRepository, type Issuance } from './passes.repository';

/** What a pass needs to be signed: its content, before or after it has a row. */
export interface IssuableContent {
  id: string;
  plate: string;
  trailerPlate: string | null;
  cargoCategory: CargoCategory;
  tonnageKg: number;
  originDivision: string;
  destinationDivision: string;
  crossProvince: boolean;
  validFrom: Date;
  validUntil: Date;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * The issuing steps shared by automatic issue and approval, all on the caller's transaction:
 * the county serials, the pass numbers, the signed tokens and the pass.issued events.
 */
@Injectable()
export class PassIssuer {
  constructor(
    private readonly passes: PassesRepository,
    private readonly keys: SigningKeyStore,
    private readonly outbox: OutboxWriter,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  /**
   * A pass number for each entry of `counties` (the issuing county of each pass), consecutive
   * within a county in the order given, or `undefined` where the county has used all its
   * serials. The counter rows stay locked until the caller's transaction ends and a rollback
   * returns the numbers, so they are gap-free.
   */
  async allocate(
    manager: EntityManager,
    counties: readonly string[],
  ): Promise<(string | undefined)[]> {
    const counts = new Map<string, number>();
    for (const county of counties) counts.set(county, (counts.get(county) ?? 0) + 1);
    const last = await this.passes.reserveSerials(manager, counts, MAX_PASS_SERIAL);
    const next = new Map<string, number>();
    for (const [county, serial] of last) next.set(county, serial - (counts.get(county) ?? 0) + 1);
    return counties.map((county) => {
      const serial = next.get(county);
      if (serial === undefined) return undefined;
      next.set(county, serial + 1);
      return formatPassNumber(county, serial);
    });
  }

  /**
   * Signs with the active pass key; the issuing county is the enterprise's own registered county.
   * The pass number is the pass's identity in the token: no pass id (jti), no iat.
   */
  token(pass: IssuableContent, enterprise: EnterpriseRecord, passNumber: string): Issuance {
    const key = this.keys.activeKey('pass');
    const token = signPassQr(
      {
        pn: passNumber,
        pl: pass.plate,
        ...(pass.trailerPlate === null ? {} : { tp: pass.trailerPlate }),
        ec: enterprise.creditCode,
        cg: CARGO_SHORT_CODES[pass.cargoCategory],
        t: pass.tonnageKg,
        o: pass.originDivision,
        d: pass.destinationDivision,
        x: pass.crossProvince ? 1 : 0,
        nbf: seconds(pass.validFrom),
        exp: seconds(pass.validUntil),
      },
      key,
    );
    return { passNumber, token, kid: key.kid };
  }

  async sign(
    manager: EntityManager,
    pass: IssuableContent,
    enterprise: EnterpriseRecord,
  ): Promise<Issuance> {
    const [passNumber] = await this.allocate(manager, [enterprise.divisionCode]);
    if (!passNumber) throw passNumbersExhausted(enterprise.divisionCode);
    return this.token(pass, enterprise, passNumber);
  }

  issuedEvent(pass: PassRecord, enterprise: EnterpriseRecord): PassIssuedV1 {
    if (!pass.passNumber || !pass.kid) throw new Error(`pass ${pass.id} is not issued`);
    return createEvent(
      PassIssuedV1,
      {
        passId: pass.id,
        passNumber: pass.passNumber,
        plate: pass.plate,
        enterpriseId: enterprise.id,
        enterpriseCreditCode: enterprise.creditCode,
        enterpriseName: enterprise.name,
        cargoCategory: pass.cargoCategory,
        tonnageKg: pass.tonnageKg,
        originDivision: pass.originDivision,
        destinationDivision: pass.destinationDivision,
        crossProvince: pass.crossProvince,
        validFrom: pass.validFrom.toISOString(),
        validUntil: pass.validUntil.toISOString(),
        kid: pass.kid,
      },
      { producer: this.config.serviceName, key: pass.id },
    );
  }

  async announce(
    manager: EntityManager,
    passes: readonly { pass: PassRecord; enterprise: EnterpriseRecord }[],
  ): Promise<void> {
    await this.outbox.append(
      manager,
      passes.map(({ pass, enterprise }) => this.issuedEvent(pass, enterprise)),
    );
  }
}

export function passNumbersExhausted(county: string): AppError {
  return AppError.conflict(
    'PASS_NUMBERS_EXHAUSTED',
    `County ${county} has used all ${MAX_PASS_SERIAL} pass numbers.`,
  ).withParams({ county, max: MAX_PASS_SERIAL });
}
