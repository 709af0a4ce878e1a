import { Module } from '@nestjs/common';
import { CheckpointDirectory } from './checkpoint-directory';
import { CheckpointsController } from './checkpoints.controller';
import { CheckpointsRepository } from './checkpoints.repository';
import { CreateCheckpointUseCase } from './create-checkpoint.use-case';

@Module({
  controllers: [CheckpointsController],
  providers: [CheckpointsRepository, CheckpointDirectory, CreateCheckpointUseCase],
  exports: [CheckpointDirectory],
})
export class CheckpointsModule {}
