import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AppError } from './app-error';

/**
 * Validates a body or query at the edge and turns it into the typed value the use case takes.
 * Each issue may carry its own stable code (`params: { code }`); the first one decides the response code.
 * Messages name the field and the rule, never the caller's value or key: what a caller sends is
 * not repeated back (a bidirectional override in an echo would make the message lie).
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly fallbackCode = 'VALIDATION_FAILED',
  ) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: messageOf(issue),
      code: codeOf(issue),
    }));
    const first = issues[0];
    const code = first?.code ?? this.fallbackCode;
    throw AppError.badRequest(
      code,
      issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      issues,
    );
  }
}

/** Zod names an unrecognised key in its message, and the key is the caller's own text. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.length === 1
      ? 'holds a field this request does not take'
      : `holds ${issue.keys.length} fields this request does not take`;
  }
  return issue.message;
}

function codeOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'custom') {
    const params = (issue as { params?: { code?: unknown } }).params;
    if (typeof params?.code === 'string') return params.code;
  }
  if (issue.code === 'unrecognized_keys') return 'UNKNOWN_FIELD';
  return undefined;
}
