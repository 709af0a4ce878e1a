import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { ZodValidationPipe } from '@app/platform';
import { ListVerificationsUseCase, type ScanPage } from './list-verifications.use-case';
import {
  listVerificationsSchema,
  type ListVerificationsQuery,
  type VerifyPassCommand,
} from './verification.dto';
import type { VerificationResult } from './verification-result';
import { VerifyPassBodyPipe } from './verify-pass-body.pipe';
import { VerifyPassUseCase } from './verify-pass.use-case';

@ApiTags('verifications')
@ApiBearerAuth()
@Controller('v1/verifications')
export class VerificationsController {
  constructor(
    private readonly verifyPass: VerifyPassUseCase,
    private readonly listVerifications: ListVerificationsUseCase,
  ) {}

  /** A rejected pass is a verdict (200); only a malformed request is an error. */
  @Post()
  @HttpCode(200)
  @Roles('officer')
  verify(
    @Body(VerifyPassBodyPipe) command: VerifyPassCommand,
    @CurrentUser() officer: AuthenticatedUser,
  ): Promise<VerificationResult> {
    return this.verifyPass.execute(command, officer);
  }

  @Get()
  @Roles('officer', 'official', 'admin')
  list(
    @Query(new ZodValidationPipe(listVerificationsSchema)) query: ListVerificationsQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ScanPage> {
    return this.listVerifications.execute(query, user);
  }
}
