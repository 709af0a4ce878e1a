import { expectStatus, type HttpClient } from '../shared/http-client';

export type ServiceName = 'pass-service' | 'verify-service' | 'reporting-service';
export const SERVICES: readonly ServiceName[] = [
  'pass-service',
  'verify-service',
  'reporting-service',
];

/** The part of JSON Schema the generators read; anything else in a schema is ignored. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  example?: unknown;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface QueryParameter {
  name: string;
  required: boolean;
  schema?: JsonSchema;
}

/** One operation of a service's OpenAPI description. */
export interface Operation {
  service: ServiceName;
  method: string;
  /** As described: `/v1/passes/{id}`. */
  path: string;
  /** `POST /v1/passes/{id}/revoke`: how the seed table names it. */
  key: string;
  pathParameters: string[];
  queryParameters: QueryParameter[];
  /** The JSON request body's schema, `$ref`s resolved, when the description has one. */
  bodySchema?: JsonSchema;
  secured: boolean;
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, unknown> };
  security?: unknown[];
}

interface RawOperation {
  parameters?: { name?: string; in?: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  security?: unknown[];
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Reads `/docs-json` of one service and lists its operations. */
export async function loadOperations(
  service: ServiceName,
  client: HttpClient,
): Promise<Operation[]> {
  const res = await client.request<OpenApiDocument>('GET', '/docs-json');
  const doc = expectStatus(res, 200, `${service} /docs-json`).body;
  if (!doc?.paths) throw new Error(`${service}: /docs-json has no paths`);
  const resolve = resolver(doc.components?.schemas ?? {});
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const parameters = raw.parameters ?? [];
      const body = raw.requestBody?.content?.['application/json']?.schema;
      const security = raw.security ?? doc.security ?? [];
      operations.push({
        service,
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        pathParameters: parameters.flatMap((p) => (p.in === 'path' && p.name ? [p.name] : [])),
        queryParameters: parameters.flatMap((p) =>
          p.in === 'query' && p.name
            ? [
                {
                  name: p.name,
                  required: p.required === true,
                  schema: p.schema === undefined ? undefined : resolve(p.schema),
                },
              ]
            : [],
        ),
        bodySchema: body === undefined ? undefined : resolve(body),
        secured: security.length > 0,
      });
    }
  }
  return operations;
}

/** Inlines `#/components/schemas/...` references, to a bounded depth (schemas may be recursive). */
function resolver(components: Record<string, unknown>): (schema: unknown) => JsonSchema {
  const inline = (schema: unknown, depth: number): JsonSchema => {
    if (typeof schema !== 'object' || schema === null || depth > 8) return {};
    const record = schema as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === 'string') {
      const name = ref.replace(/^#\/components\/schemas\//, '');
      return inline(components[name], depth + 1);
    }
    const out: JsonSchema & Record<string, unknown> = { ...record };
    if (isRecord(record.properties)) {
      out.properties = Object.fromEntries(
        Object.entries(record.properties).map(([k, v]) => [k, inline(v, depth + 1)]),
      );
    }
    if (record.items !== undefined) out.items = inline(record.items, depth + 1);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = record[key];
      if (Array.isArray(list)) out[key] = list.map((s) => inline(s, depth + 1));
    }
    return out;
  };
  return (schema) => inline(schema, 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema's own fields, merging allOf parts. */
export function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (!schema) return {};
  const merged: Record<string, JsonSchema> = { ...(schema.properties ?? {}) };
  for (const part of schema.allOf ?? []) Object.assign(merged, propertiesOf(part));
  return merged;
}
