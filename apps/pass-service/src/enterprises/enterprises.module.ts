import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesRepository } from './enterprises.repository';
import { RegisterEnterpriseUseCase } from './register-enterprise.use-case';

@Module({
  imports: [IdentityModule],
  controllers: [EnterprisesController],
  providers: [EnterprisesRepository, RegisterEnterpriseUseCase],
  exports: [EnterprisesRepository],
})
export class EnterprisesModule {}
