import { Inject, Injectable } from '@nestjs/common';
import { Clock, ZodValidationPipe } from '@app/platform';
import { VERIFY_CONFIG, type VerifyModuleConfig } from '../config/verify-service.config';
import { verifyPassSchema } from './verification.dto';

/** The verification body, with the scannedAt window taken from configuration and the clock. */
@Injectable()
export class VerifyPassBodyPipe extends ZodValidationPipe<ReturnType<typeof verifyPassSchema>> {
  constructor(@Inject(VERIFY_CONFIG) config: VerifyModuleConfig, clock: Clock) {
    super(verifyPassSchema(config.scannedAt, () => clock.now()));
  }
}
