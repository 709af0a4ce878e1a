import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

/** A success answer that is not JSON: a file or a stream, by media type. */
export interface MediaAnswer {
  media:
    | 'image/svg+xml'
    | 'image/png'
    | 'text/html'
    | 'text/csv'
    | 'text/plain'
    | 'text/event-stream'
    | 'application/jwk-set+json'
    | typeof XLSX_MEDIA;
  description: string;
  /** The JSON it carries, when the media type is JSON-shaped (a JWKS). */
  schema?: z.ZodType;
}

export const XLSX_MEDIA = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * What one HTTP operation promises an integrator, written beside its handler from the same zod
 * schemas that validate it, and published at /docs (api-document.ts). A test fails when an
 * operation has none, or when a live answer in the e2e suites does not match it.
 */
export interface OperationContract {
  summary: string;
  description?: string;
  /** The JSON body, validated by the same schema (ZodValidationPipe). */
  body?: z.ZodType;
  /** A multipart upload of one file: the field's name and what it holds. */
  upload?: { field: string; description: string };
  /** The query, a zod object validated by the same schema. */
  query?: z.ZodType;
  /** Request headers the operation reads, a zod object keyed by lower-case header name. */
  headers?: z.ZodType;
  /** Success answers by status: a JSON schema, a non-JSON media type, or null for no body. */
  responses: Readonly<Record<number, z.ZodType | MediaAnswer | null>>;
  /**
   * The error codes this operation answers with, by status, besides those every operation shares
   * (validation, authentication, roles, an unavailable database: added by api-document.ts).
   */
  errors?: Readonly<Record<number, readonly string[]>>;
}

const CONTRACT = 'epass:operation-contract';

/** Declares the operation's contract (see OperationContract). */
export const Contract = (contract: OperationContract): MethodDecorator =>
  SetMetadata(CONTRACT, contract);

/** The contract declared on a handler, if any. */
export const contractOf = (handler: object): OperationContract | undefined =>
  Reflect.getMetadata(CONTRACT, handler) as OperationContract | undefined;
