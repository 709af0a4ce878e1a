import { Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { AppError, Contract, errorLanguageOf, XLSX_MEDIA } from '@app/platform';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApplyBatchUseCase } from './apply-batch.use-case';
import { BatchIdPipe } from './batch-id.pipe';
import { MAX_BATCH_FILE_BYTES } from './batch-file';
import { batchViewSchema, toBatchView, type BatchView } from './batch.view';
import { BatchTemplate } from './batch-template';
import { GetBatchUseCase } from './get-batch.use-case';
import { buildResult, XLSX_CONTENT_TYPE } from './batch-workbooks';

@ApiTags('passes')
@ApiBearerAuth()
@Controller('v1/passes/batches')
export class BatchesController {
  constructor(
    private readonly applyBatch: ApplyBatchUseCase,
    private readonly getBatch: GetBatchUseCase,
    private readonly template: BatchTemplate,
  ) {}

  @Contract({
    summary: 'The batch spreadsheet template (.xlsx)',
    description: 'Headers, a sample row, and the code table.',
    responses: { 200: { media: XLSX_MEDIA, description: 'The template' } },
  })
  /** The spreadsheet to fill in: headers, a sample row, and the code table. */
  @Roles('enterprise', 'official', 'officer', 'admin')
  @Get('template.xlsx')
  async downloadTemplate(@Res() reply: FastifyReply): Promise<void> {
    await sendXlsx(reply, await this.template.build(), 'epass-batch-template.xlsx');
  }

  @Contract({
    summary: 'Apply for many passes at once from a spreadsheet (.xlsx or .csv)',
    description:
      "Each row is applied as POST /v1/passes would; the answer gives each row's outcome. 201 for a new batch; 200 when this enterprise uploaded the same file before.",
    upload: { field: 'file', description: 'The filled-in template (.xlsx) or a UTF-8 .csv' },
    responses: { 201: batchViewSchema, 200: batchViewSchema },
    errors: {
      400: [
        'BATCH_FILE_MISSING',
        'BATCH_UPLOAD_INVALID',
        'BATCH_FILE_INVALID',
        'BATCH_HEADERS_MISSING',
      ],
      403: ['ENTERPRISE_NOT_ACTIVE'],
      409: ['BATCH_IN_PROGRESS'],
      413: ['BATCH_FILE_TOO_LARGE'],
      415: ['BATCH_NOT_MULTIPART', 'BATCH_FILE_TYPE_UNSUPPORTED'],
      422: ['BATCH_EMPTY', 'BATCH_TOO_MANY_ROWS'],
    },
  })
  /** 201 with the batch's rows; 200 when this enterprise uploaded the same file before. */
  @Roles('enterprise')
  @Post()
  @ApiConsumes('multipart/form-data')
  async upload(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchView> {
    const upload = await readUpload(request);
    const outcome = await this.applyBatch.execute(user, upload);
    void reply.status(outcome.created ? 201 : 200);
    return toBatchView(
      outcome.batch,
      outcome.rows,
      errorLanguageOf(request.headers['accept-language']),
    );
  }

  @Contract({
    summary: 'Read a batch and the outcome of each row',
    headers: z.object({ 'accept-language': z.string().optional() }),
    responses: { 200: batchViewSchema },
    errors: { 404: ['BATCH_NOT_FOUND'] },
  })
  // Staff too, so that anyone but the owner gets the same 404.
  @Roles('enterprise', 'official', 'officer', 'admin')
  @Get(':id')
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', BatchIdPipe) id: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<BatchView> {
    const { batch, rows } = await this.getBatch.execute(user, id);
    return toBatchView(batch, rows, errorLanguageOf(acceptLanguage));
  }

  @Contract({
    summary: 'The uploaded rows back as .xlsx, each with its status, pass number or errors',
    responses: { 200: { media: XLSX_MEDIA, description: 'The result sheet' } },
    errors: { 404: ['BATCH_NOT_FOUND'] },
  })
  /** The uploaded rows back as .xlsx, each with its status, pass number or errors. */
  // Staff too, so that anyone but the owner gets the same 404.
  @Roles('enterprise', 'official', 'officer', 'admin')
  @Get(':id/result.xlsx')
  async result(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', BatchIdPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { batch, rows } = await this.getBatch.execute(user, id);
    await sendXlsx(reply, await buildResult(batch.headers, rows), `epass-batch-${batch.id}.xlsx`);
  }
}

async function sendXlsx(reply: FastifyReply, body: Buffer, fileName: string): Promise<void> {
  await reply
    .header('content-type', XLSX_CONTENT_TYPE)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

/**
 * The one file of a multipart upload (field `file`), read into memory within the byte limit.
 * Refusals: 415 `BATCH_NOT_MULTIPART`, 400 `BATCH_FILE_MISSING`, 413 `BATCH_FILE_TOO_LARGE`.
 */
async function readUpload(
  request: FastifyRequest,
): Promise<{ bytes: Buffer; fileName: string; mimeType: string }> {
  if (!request.isMultipart()) {
    throw new AppError(
      415,
      'BATCH_NOT_MULTIPART',
      'Send the file as multipart/form-data in the field "file".',
    );
  }
  const tooLarge = () =>
    new AppError(
      413,
      'BATCH_FILE_TOO_LARGE',
      `The file is larger than ${MAX_BATCH_FILE_BYTES / 1024 / 1024} MB; split it into smaller batches.`,
    );
  let part;
  try {
    part = await request.file({
      limits: { fileSize: MAX_BATCH_FILE_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
    });
  } catch (error) {
    throw multipartError(error) ?? tooLarge();
  }
  if (!part || part.fieldname !== 'file') {
    throw AppError.badRequest('BATCH_FILE_MISSING', 'Send the spreadsheet in the field "file".');
  }
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    throw multipartError(error) ?? tooLarge();
  }
  if (bytes.length === 0) throw AppError.badRequest('BATCH_FILE_MISSING', 'The file is empty.');
  return { bytes, fileName: part.filename ?? '', mimeType: part.mimetype ?? '' };
}

/**
 * An error reading the upload in the API's format; undefined for "too large". Only the request's
 * bytes are read here, so whatever else fails is the body's fault: busboy's "Unexpected end of
 * multipart data" (a truncated or padded body) carries no code, and must not be a 500.
 */
function multipartError(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return undefined;
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT') {
    return AppError.badRequest('BATCH_FILE_MISSING', 'Send exactly one file, in the field "file".');
  }
  return AppError.badRequest('BATCH_UPLOAD_INVALID', 'The multipart body could not be read.');
}
