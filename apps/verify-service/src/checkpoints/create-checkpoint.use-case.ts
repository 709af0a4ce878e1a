import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform';
import type { Checkpoint } from './checkpoint';
import { CheckpointDirectory } from './checkpoint-directory';
import type { CreateCheckpointCommand } from './checkpoint.dto';
import { CheckpointsRepository } from './checkpoints.repository';

@Injectable()
export class CreateCheckpointUseCase {
  constructor(
    private readonly repository: CheckpointsRepository,
    private readonly directory: CheckpointDirectory,
  ) {}

  async execute(command: CreateCheckpointCommand): Promise<Checkpoint> {
    const created = await this.repository.insert({
      code: command.code,
      name: command.name,
      divisionCode: command.divisionCode,
      corridorDivisions: [...new Set(command.corridorDivisions)],
      location:
        command.latitude === undefined || command.longitude === undefined
          ? null
          : { latitude: command.latitude, longitude: command.longitude },
    });
    if (!created) {
      throw AppError.conflict('CHECKPOINT_EXISTS', 'A checkpoint with this code already exists.');
    }
    this.directory.remember(created);
    return created;
  }
}
