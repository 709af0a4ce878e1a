import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Checkpoint } from './checkpoint';
import { CheckpointsRepository } from './checkpoints.repository';

/**
 * Checkpoints in memory for the verification path. A code this replica has not seen (created on
 * another replica) is looked up once in the database; checkpoints are never changed or deleted.
 */
@Injectable()
export class CheckpointDirectory implements OnApplicationBootstrap {
  private readonly byCode = new Map<string, Checkpoint>();

  constructor(private readonly repository: CheckpointsRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const checkpoint of await this.repository.findAll()) this.remember(checkpoint);
  }

  remember(checkpoint: Checkpoint): void {
    this.byCode.set(checkpoint.code, checkpoint);
  }

  async find(code: string): Promise<Checkpoint | undefined> {
    const known = this.byCode.get(code);
    if (known) return known;
    const stored = await this.repository.findByCode(code);
    if (stored) this.remember(stored);
    return stored;
  }
}
