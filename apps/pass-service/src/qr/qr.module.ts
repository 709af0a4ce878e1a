import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PassesModule } from '../passes/passes.module';
import { QrController } from './qr.controller';
import { QrRenderer } from './qr-renderer';

@Module({
  imports: [PassesModule, EnterprisesModule],
  controllers: [QrController],
  providers: [QrRenderer],
  exports: [QrRenderer],
})
export class QrModule {}
