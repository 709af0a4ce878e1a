import { Inject, Injectable, Logger } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError, ZodValidationPipe } from '@app/platform';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { IssuePassUseCase } from '../passes/issue-pass.use-case';
import { passApplicationBody, type PassApplication } from '../passes/pass-application.schema';
import { applicationInputOf, columnOf, mapHeaders, type HeaderMap } from './batch-columns';
import { readBatchFile, type BatchSheet, type BatchSheetRow } from './batch-file';
import {
  countsOf,
  type BatchRecord,
  type BatchRowError,
  type BatchRowResult,
} from './batch.record';
import { BatchesRepository } from './batches.repository';

export interface BatchUpload {
  bytes: Buffer;
  fileName: string;
  mimeType: string;
}

export interface BatchOutcome {
  batch: BatchRecord;
  rows: BatchRowResult[];
  /** False when the same file was uploaded before: its batch is answered, nothing new is made. */
  created: boolean;
}

/** Rows applied at once: enough for the issue batcher to group them, few enough to share the pool. */
const ROWS_IN_FLIGHT = 32;
/** A running batch whose claim is older than this lost its process and may be taken over. */
const STALE_SECONDS = 30;
const HEARTBEAT_MS = 5_000;
/** How long an upload of a file that is being applied right now waits for that run's answer. */
const WAIT_FOR_RUN_MS = 120_000;
const POLL_MS = 200;

/** The single application's schema, with its field-by-field codes, for each row. */
const rowSchema = new ZodValidationPipe(passApplicationBody);

/**
 * POST /v1/passes/batches: each row of a spreadsheet is one application, judged by the same
 * schema and applied by the same use case as POST /v1/passes. A batch is the enterprise plus
 * the file's SHA-256: the same file again answers the first run's batch. Each row carries an
 * Idempotency-Key of its own (`batch:<id>:<row>`), so a run that stopped half-way can be run
 * again without applying a row twice.
 */
@Injectable()
export class ApplyBatchUseCase {
  private readonly logger = new Logger(ApplyBatchUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly issuePass: IssuePassUseCase,
    private readonly audit: AuditTrail,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async execute(user: AuthenticatedUser, upload: BatchUpload): Promise<BatchOutcome> {
    const enterpriseId = user.enterpriseId;
    if (!enterpriseId)
      throw new AppError(403, 'FORBIDDEN', 'Only an enterprise applies for passes.');
    const manager = this.dataSource.manager;
    const fileSha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const earlier = await this.batches.findByFile(manager, enterpriseId, fileSha256);
    if (earlier) return this.answerEarlier(user, earlier, upload);

    const sheet = await readBatchFile(upload.bytes, upload.fileName, upload.mimeType);
    const headers = checkedHeaders(sheet);
    const { created, batch } = await this.batches.start(manager, {
      id: randomUUID(),
      enterpriseId,
      fileSha256,
      fileName: upload.fileName.slice(0, 200),
      fileKind: sheet.kind,
      headers: sheet.headers,
      rowCount: sheet.rows.length,
      createdBy: user.userId,
    });
    if (!created) return this.answerEarlier(user, batch, upload);
    return this.run(user, batch, sheet, headers);
  }

  /** The same file again: its finished batch, else the run in progress (or a takeover). */
  private async answerEarlier(
    user: AuthenticatedUser,
    batch: BatchRecord,
    upload: BatchUpload,
  ): Promise<BatchOutcome> {
    const manager = this.dataSource.manager;
    const deadline = Date.now() + WAIT_FOR_RUN_MS;
    let current = batch;
    while (current.status === 'running') {
      if (await this.batches.claimStale(manager, current.id, STALE_SECONDS)) {
        const sheet = await readBatchFile(upload.bytes, upload.fileName, upload.mimeType);
        return { ...(await this.run(user, current, sheet, checkedHeaders(sheet))), created: false };
      }
      if (Date.now() > deadline) {
        throw new AppError(
          409,
          'BATCH_IN_PROGRESS',
          'This file is being applied by another upload right now; ask for its result again shortly.',
        );
      }
      await sleep(POLL_MS);
      current =
        (await this.batches.findByFile(manager, current.enterpriseId, current.fileSha256)) ??
        current;
    }
    return { batch: current, rows: await this.batches.rows(manager, current.id), created: false };
  }

  private async run(
    user: AuthenticatedUser,
    batch: BatchRecord,
    sheet: BatchSheet,
    headers: HeaderMap,
  ): Promise<BatchOutcome> {
    const heartbeat = setInterval(() => {
      this.batches.touch(this.dataSource.manager, batch.id).catch((error: unknown) => {
        this.logger.warn(`batch ${batch.id}: heartbeat failed: ${String(error)}`);
      });
    }, HEARTBEAT_MS);
    try {
      const rows = await this.applyRows(user, batch, sheet, headers);
      const enterprise = await this.enterprises.findById(
        this.dataSource.manager,
        batch.enterpriseId,
      );
      const finished = await this.dataSource.transaction(async (manager) => {
        const first = await this.batches.finish(manager, batch.id, rows);
        if (first) {
          await this.audit.record(manager, {
            actor: actorOf(user),
            action: 'pass.batch-applied',
            target: { type: 'pass-batch', id: batch.id },
            divisionCode: enterprise?.divisionCode ?? null,
            details: {
              rows: rows.length,
              ...countsOf(rows),
              sha256: batch.fileSha256.slice(0, 16),
            },
          });
        }
        return first;
      });
      if (finished) return { batch: finished, rows, created: true };
      // Another run of this batch finished first: its answer is the batch's.
      const manager = this.dataSource.manager;
      const stored = await this.batches.findByFile(manager, batch.enterpriseId, batch.fileSha256);
      return {
        batch: stored ?? batch,
        rows: await this.batches.rows(manager, batch.id),
        created: false,
      };
    } catch (error) {
      // Let the next upload of this file take over at once instead of waiting for staleness.
      await this.dataSource.manager
        .query(
          `UPDATE pass_batches SET claimed_at = 'epoch' WHERE id = $1 AND status = 'running'`,
          [batch.id],
        )
        .catch(() => undefined);
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Rows that fail the schema are answered at once; the others are applied, those of one plate
   * one after another in the file's order (so the first of two overlapping rows wins, every
   * time) and different plates side by side.
   */
  private async applyRows(
    user: AuthenticatedUser,
    batch: BatchRecord,
    sheet: BatchSheet,
    headers: HeaderMap,
  ): Promise<BatchRowResult[]> {
    const results = new Map<number, BatchRowResult>();
    const byPlate = new Map<string, { row: BatchSheetRow; application: PassApplication }[]>();
    for (const row of sheet.rows) {
      const input = applicationInputOf(row.cells, headers, this.config.passRules.timeZone);
      let application: PassApplication;
      try {
        application = rowSchema.transform(input);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.set(row.number, {
          row: row.number,
          status: 'invalid',
          errors: issuesOf(error).map((issue) => locate(issue, row, sheet, headers)),
          cells: row.cells,
        });
        continue;
      }
      const group = byPlate.get(application.plate) ?? [];
      group.push({ row, application });
      byPlate.set(application.plate, group);
    }

    const groups = [...byPlate.values()];
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        const group = groups[next++];
        const applied: { row: number; application: PassApplication }[] = [];
        for (const { row, application } of group) {
          const result = await this.applyRow(
            user,
            batch,
            row,
            application,
            sheet,
            headers,
            applied,
          );
          results.set(row.number, result);
          if (result.status === 'issued' || result.status === 'pending_review')
            applied.push({ row: row.number, application });
        }
      }
    };
    const plateWorkers = Math.min(ROWS_IN_FLIGHT, groups.length);
    await Promise.all(Array.from({ length: plateWorkers }, worker));
    return sheet.rows.map((row) => results.get(row.number)).filter((r) => r !== undefined);
  }

  private async applyRow(
    user: AuthenticatedUser,
    batch: BatchRecord,
    row: BatchSheetRow,
    application: PassApplication,
    sheet: BatchSheet,
    headers: HeaderMap,
    earlierOfPlate: readonly { row: number; application: PassApplication }[],
  ): Promise<BatchRowResult> {
    try {
      const { pass } = await this.issuePass.execute(
        user,
        application,
        `batch:${batch.id}:${row.number}`,
      );
      return {
        row: row.number,
        status: pass.status === 'issued' ? 'issued' : 'pending_review',
        passId: pass.id,
        ...(pass.passNumber ? { passNumber: pass.passNumber } : {}),
        cells: row.cells,
      };
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const field = FIELD_OF_REFUSAL[error.code] ?? '(row)';
      let message = error.message;
      if (error.code === 'PASS_OVERLAPS') {
        const twin = earlierOfPlate.find((e) => overlaps(e.application, application));
        if (twin) message = `${message} Row ${twin.row} of this file applied for it first.`;
      }
      return {
        row: row.number,
        // A value the rules refuse is the cell's fault; a conflict with other passes is not.
        status: error.status === 400 ? 'invalid' : 'refused',
        errors: [locate({ field, code: error.code, message }, row, sheet, headers)],
        cells: row.cells,
      };
    }
  }
}

/** The field a refusal of the use case is about, so the result can point at its cell. */
const FIELD_OF_REFUSAL: Record<string, string> = {
  PASS_OVERLAPS: 'plate',
  PLATE_HELD_BY_OTHER: 'plate',
  TONNAGE_INVALID: 'tonnage',
  VALIDITY_INVALID: 'validFrom',
};

function overlaps(a: PassApplication, b: PassApplication): boolean {
  return a.validFrom < b.validUntil && b.validFrom < a.validUntil;
}

function checkedHeaders(sheet: BatchSheet): HeaderMap {
  const headers = mapHeaders(sheet.headers);
  if (headers.missing.length > 0) {
    throw AppError.badRequest(
      'BATCH_HEADERS_MISSING',
      `The header row lacks: ${headers.missing.map((c) => `${c.header} (${c.field})`).join(', ')}. Start from the template.`,
    );
  }
  return headers;
}

interface Issue {
  field: string;
  code: string;
  message: string;
}

function issuesOf(error: AppError): Issue[] {
  const details = Array.isArray(error.details) ? (error.details as Partial<Issue>[]) : [];
  const issues = details.map((d) => ({
    field: d.field ?? '(row)',
    code: d.code ?? error.code,
    message: d.message ?? error.message,
  }));
  return issues.length > 0
    ? issues
    : [{ field: '(row)', code: error.code, message: error.message }];
}

/** Names the cell: its column's header as the file spells it, and its address (`C7`). */
function locate(
  issue: Issue,
  row: BatchSheetRow,
  sheet: BatchSheet,
  headers: HeaderMap,
): BatchRowError {
  const column = columnOf(issue.field);
  const index = column ? headers.indexOf.get(column.field) : undefined;
  if (index === undefined) {
    // A column the file lacks (an optional one): name the template's header.
    return {
      field: issue.field,
      ...(column ? { column: column.header } : {}),
      code: issue.code,
      message: issue.message,
    };
  }
  return {
    field: issue.field,
    column: sheet.headers[index] ?? column?.header,
    cell: `${columnLetters(index + 1)}${row.number}`,
    code: issue.code,
    message: issue.message,
  };
}

function columnLetters(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
