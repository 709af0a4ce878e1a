import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { ZodValidationPipe } from '@app/platform';
import {
  createCheckpointSchema,
  toCheckpointView,
  type CheckpointView,
  type CreateCheckpointCommand,
} from './checkpoint.dto';
import { CheckpointsRepository } from './checkpoints.repository';
import { CreateCheckpointUseCase } from './create-checkpoint.use-case';

@ApiTags('checkpoints')
@ApiBearerAuth()
@Controller('v1/checkpoints')
export class CheckpointsController {
  constructor(
    private readonly createCheckpoint: CreateCheckpointUseCase,
    private readonly repository: CheckpointsRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(createCheckpointSchema)) command: CreateCheckpointCommand,
  ): Promise<CheckpointView> {
    return toCheckpointView(await this.createCheckpoint.execute(user, command));
  }

  @Get()
  @Roles('officer', 'official', 'admin')
  async list(): Promise<{ items: CheckpointView[] }> {
    return { items: (await this.repository.findAll()).map(toCheckpointView) };
  }
}
