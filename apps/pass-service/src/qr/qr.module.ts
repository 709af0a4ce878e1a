import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PassesModule } from '../passes/passes.module';
import { QrController } from './qr.controller';
import { PrintPassUseCase } from './print-pass.use-case';
import { QrRenderer } from './qr-renderer';
import { ShowQrUseCase } from './show-qr.use-case';

@Module({
  imports: [PassesModule, EnterprisesModule],
  controllers: [QrController],
  providers: [QrRenderer, ShowQrUseCase, PrintPassUseCase],
  exports: [QrRenderer],
})
export class QrModule {}
