import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PassesModule } from '../passes/passes.module';
import { ApprovePlateTransferUseCase } from './approve-plate-transfer.use-case';
import { ListPlateTransfersUseCase } from './list-plate-transfers.use-case';
import { ListVehiclesUseCase } from './list-vehicles.use-case';
import { PlateTransfersController } from './plate-transfers.controller';
import { PlateTransfersRepository } from './plate-transfers.repository';
import { RejectPlateTransferUseCase } from './reject-plate-transfer.use-case';
import { RegisterVehicleUseCase } from './register-vehicle.use-case';
import { RequestPlateTransferUseCase } from './request-plate-transfer.use-case';
import { VehiclesController } from './vehicles.controller';
import { VehiclesRepository } from './vehicles.repository';

/**
 * The vehicle register and plate transfers. The plate rule on applications (PlateClaims) runs
 * inside PassesModule's issuing transactions; a transfer uses PassesModule's PassRevoker.
 */
@Module({
  imports: [EnterprisesModule, PassesModule],
  controllers: [VehiclesController, PlateTransfersController],
  providers: [
    VehiclesRepository,
    PlateTransfersRepository,
    RegisterVehicleUseCase,
    ListVehiclesUseCase,
    RequestPlateTransferUseCase,
    ListPlateTransfersUseCase,
    ApprovePlateTransferUseCase,
    RejectPlateTransferUseCase,
  ],
})
export class VehiclesModule {}
