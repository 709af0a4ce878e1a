import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import type { Checkpoint } from './checkpoint';
import { CheckpointDirectory } from './checkpoint-directory';
import type { CreateCheckpointCommand } from './checkpoint.dto';
import { CheckpointsRepository } from './checkpoints.repository';

/** An admin adds a checkpoint; the audit entry carries its division, so officials there see it. */
@Injectable()
export class CreateCheckpointUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CheckpointsRepository,
    private readonly directory: CheckpointDirectory,
    private readonly audit: AuditTrail,
  ) {}

  async execute(user: AuthenticatedUser, command: CreateCheckpointCommand): Promise<Checkpoint> {
    const created = await this.dataSource.transaction(async (manager) => {
      const checkpoint = await this.repository.insert(manager, {
        code: command.code,
        name: command.name,
        divisionCode: command.divisionCode,
        corridorDivisions: [...new Set(command.corridorDivisions)],
        location:
          command.latitude === undefined || command.longitude === undefined
            ? null
            : { latitude: command.latitude, longitude: command.longitude },
      });
      if (!checkpoint) {
        throw AppError.conflict('CHECKPOINT_EXISTS', 'A checkpoint with this code already exists.');
      }
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'checkpoint.created',
        target: { type: 'checkpoint', id: checkpoint.code },
        divisionCode: checkpoint.divisionCode,
        details: { name: checkpoint.name },
      });
      return checkpoint;
    });
    this.directory.remember(created);
    return created;
  }
}
