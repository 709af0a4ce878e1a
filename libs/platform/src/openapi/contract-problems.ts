import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
  'x-roles'?: string[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * What an integrator would miss in a service's description, one line per gap: an operation
 * without a summary, a success answer, its body's or query's schema, the error format, or the
 * security scheme it needs. Empty when the contract is complete.
 */
export function contractProblems(
  document: OpenAPIObject,
  takes: (operationId: string) => { body: boolean; query: boolean },
): string[] {
  const problems: string[] = [];
  if (!document.components?.securitySchemes?.bearer) problems.push('no bearer security scheme');
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const problem = (what: string) => problems.push(`${name}: ${what}`);
      if (!operation.summary) problem('no summary (no @Contract)');
      const responses = Object.entries(operation.responses ?? {});
      const successes = responses.filter(([status]) => Number(status) < 400);
      const errors = responses.filter(([status]) => Number(status) >= 400);
      if (successes.length === 0) problem('no success answer');
      for (const [status, response] of successes) {
        const contents = Object.values(response.content ?? {});
        if (Number(status) !== 204 && Number(status) !== 304 && contents.length === 0)
          problem(`${status} answer without content`);
        if (contents.some((c) => !c.schema)) problem(`${status} answer without a schema`);
      }
      if (errors.length === 0) problem('no error answers');
      for (const [status, response] of errors) {
        if (!response.content?.['application/json']?.schema)
          problem(`${status} answer without the error format`);
      }
      const takesInput = operation.operationId ? takes(operation.operationId) : undefined;
      if (takesInput?.body && !operation.requestBody) problem('reads a body but declares none');
      const queries = (operation.parameters ?? []).filter((p) => p.in === 'query');
      if (takesInput?.query && queries.length === 0) problem('reads a query but declares none');
      const secured = (operation['x-roles'] ?? []).length > 0;
      if (secured && !operation.security?.length) problem('needs a role but declares no security');
    }
  }
  return problems;
}
