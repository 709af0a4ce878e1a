import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { TEXT_INVALID } from '@app/contracts';
import { DomainErrorCode } from '@app/domain';
import { Contract, ZodValidationPipe } from '@app/platform';
import {
  checkpointListSchema,
  checkpointViewSchema,
  createCheckpointSchema,
  toCheckpointView,
  type CheckpointList,
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

  @Contract({
    summary: 'Register a checkpoint',
    description:
      'Officers are bound to a checkpoint by its `code`, which never changes. `corridorDivisions` lets it accept passes whose route only passes through its region. The clone rule measures distances only between checkpoints with a location (both `latitude` and `longitude`).',
    body: createCheckpointSchema,
    responses: { 201: checkpointViewSchema },
    errors: {
      400: [DomainErrorCode.DIVISION_UNKNOWN, 'LOCATION_INCOMPLETE', TEXT_INVALID],
      409: ['CHECKPOINT_EXISTS'],
    },
  })
  @Post()
  @HttpCode(201)
  @Roles('admin')
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(createCheckpointSchema)) command: CreateCheckpointCommand,
  ): Promise<CheckpointView> {
    return toCheckpointView(await this.createCheckpoint.execute(user, command));
  }

  @Contract({
    summary: 'List the checkpoints',
    responses: { 200: checkpointListSchema },
  })
  @Get()
  @Roles('officer', 'official', 'admin')
  async list(): Promise<CheckpointList> {
    return { items: (await this.repository.findAll()).map(toCheckpointView) };
  }
}
