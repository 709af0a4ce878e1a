import { Inject, Injectable } from '@nestjs/common';
import { localDate } from '@app/domain';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { buildTemplate } from './batch-workbooks';

const DAY_MS = 86_400_000;

/**
 * The template workbook, built once a day: its sample row is dated tomorrow (a window the rules
 * accept), and the code table (a few thousand counties) is not worth rebuilding per download.
 */
@Injectable()
export class BatchTemplate {
  private cached?: { day: string; body: Promise<Buffer> };

  constructor(@Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig) {}

  build(): Promise<Buffer> {
    const { timeZone } = this.config.passRules;
    const now = Date.now();
    const day = localDate(new Date(now), timeZone);
    if (this.cached?.day !== day) {
      const body = buildTemplate({
        plate: '豫B12345',
        trailerPlate: '',
        driverName: '李师傅',
        driverPhone: '13912345678',
        cargoCategory: '生活物资及食品',
        cargoDescription: '蔬菜',
        tonnage: '12.5',
        originDivision: '410202',
        destinationDivision: '410102',
        validFrom: localDate(new Date(now + DAY_MS), timeZone),
        validUntil: localDate(new Date(now + 3 * DAY_MS), timeZone),
      });
      this.cached = { day, body };
      body.catch(() => {
        if (this.cached?.body === body) this.cached = undefined;
      });
    }
    return this.cached.body;
  }
}
