import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { SCAN_REJECTION_REASONS, TEXT_INVALID } from '@app/contracts';
import { DomainErrorCode } from '@app/domain';
import { Contract, ZodValidationPipe } from '@app/platform';
import { ListVerificationsUseCase } from './list-verifications.use-case';
import { scanPageSchema, type ScanPage } from './scan.view';
import {
  listVerificationsSchema,
  publishedVerifyPassBody,
  type ListVerificationsQuery,
  type VerifyPassCommand,
} from './verification.dto';
import { verificationResultSchema, type VerificationResult } from './verification-result';
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
  @Contract({
    summary: "Verify a pass QR at the officer's checkpoint and record the scan",
    description: [
      `Decided locally from the keys, revocations and checkpoints this service holds, with no call to pass-service. A rejected pass is a verdict (200, \`verdict: "rejected"\`), never an HTTP error; \`reason\` says why: ${SCAN_REJECTION_REASONS.join(', ')}.`,
      'An offline scanner sends its own `clientScanId` (a resend answers the first verdict with `replayed: true`; the id reused for another scan is 409 SCAN_ID_CONFLICT) and the device time `scannedAt`, which must lie within SCANNED_AT_MAX_AGE_HOURS before and SCANNED_AT_MAX_AHEAD_SECONDS after the server clock (400 SCANNED_AT_OUT_OF_RANGE).',
      'An officer verifies only at the checkpoint of their account (403 CHECKPOINT_FORBIDDEN). 503 SCAN_NOT_RECORDED: nothing was recorded and no verdict is given; scan again.',
    ].join('\n\n'),
    body: publishedVerifyPassBody,
    responses: { 200: verificationResultSchema },
    errors: {
      400: [DomainErrorCode.PLATE_INVALID, 'SCANNED_AT_OUT_OF_RANGE', TEXT_INVALID],
      403: ['CHECKPOINT_FORBIDDEN'],
      404: ['CHECKPOINT_UNKNOWN'],
      409: ['SCAN_ID_CONFLICT'],
      503: ['SCAN_NOT_RECORDED'],
    },
  })
  @Post()
  @HttpCode(200)
  @Roles('officer')
  verify(
    @Body(VerifyPassBodyPipe) command: VerifyPassCommand,
    @CurrentUser() officer: AuthenticatedUser,
  ): Promise<VerificationResult> {
    return this.verifyPass.execute(command, officer);
  }

  @Contract({
    summary: 'List recorded scans, newest first',
    description:
      "An officer sees their own checkpoint's scans (another `checkpointCode` is 403 CHECKPOINT_FORBIDDEN); an official those of the checkpoints in their jurisdiction; an admin all. Pass `nextCursor` back as `cursor` for the next page.",
    query: listVerificationsSchema,
    responses: { 200: scanPageSchema },
    errors: {
      400: ['CURSOR_INVALID', 'RANGE_INVALID', TEXT_INVALID],
      403: ['CHECKPOINT_FORBIDDEN'],
    },
  })
  @Get()
  @Roles('officer', 'official', 'admin')
  list(
    @Query(new ZodValidationPipe(listVerificationsSchema)) query: ListVerificationsQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ScanPage> {
    return this.listVerifications.execute(query, user);
  }
}
