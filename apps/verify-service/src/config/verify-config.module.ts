import { Module, type DynamicModule } from '@nestjs/common';
import { VERIFY_CONFIG, type VerifyModuleConfig } from './verify-service.config';

/** Makes the verify-specific configuration injectable everywhere in the service. */
@Module({})
export class VerifyConfigModule {
  static forRoot(config: VerifyModuleConfig): DynamicModule {
    return {
      module: VerifyConfigModule,
      global: true,
      providers: [{ provide: VERIFY_CONFIG, useValue: config }],
      exports: [VERIFY_CONFIG],
    };
  }
}
