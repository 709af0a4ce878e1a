import { Global, Module, type DynamicModule } from '@nestjs/common';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from './pass-service.config';

/** Makes the configuration loaded at boot injectable everywhere as PASS_SERVICE_CONFIG. */
@Global()
@Module({})
export class PassConfigModule {
  static forRoot(config: PassServiceConfig): DynamicModule {
    return {
      module: PassConfigModule,
      providers: [{ provide: PASS_SERVICE_CONFIG, useValue: config }],
      exports: [PASS_SERVICE_CONFIG],
    };
  }
}
