import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC, REQUIRED_ROLES } from '@app/auth';
import { codedFields } from '@app/contracts';
import { z } from 'zod';
import { CODES_BY_STATUS } from '../http-error.filter';
import { contractOf, type MediaAnswer, type OperationContract } from './operation-contract';

export interface ApiInfo {
  title: string;
  description: string;
}

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown> & { operationId?: string };

/** Every operation of a service can answer these, besides its own (OperationContract.errors). */
const SHARED_ERRORS = {
  /** Any request: a NUL in its query or body (refuse-nul-characters.ts), a database away. */
  every: {
    400: ['CONTROL_CHARACTER'],
    500: ['INTERNAL'],
    503: ['DATABASE_UNAVAILABLE'],
  },
  /** A query or JSON body that fails its schema; a zod issue may carry a code of its own. */
  validated: { 400: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'TEXT_INVALID'] },
  /** Before the handler: a body that is not JSON, too large, or of another media type. */
  body: {
    400: ['BODY_NOT_JSON', 'BAD_REQUEST'],
    413: ['PAYLOAD_TOO_LARGE'],
    415: ['UNSUPPORTED_MEDIA_TYPE'],
  },
  signedIn: { 401: ['UNAUTHENTICATED', 'ACCOUNT_DISABLED'] },
  roles: { 403: ['FORBIDDEN'] },
} as const;

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  304: 'Not modified (the ETag sent in If-None-Match still holds)',
  400: 'The request is not valid',
  401: 'No valid access token',
  403: 'The caller may not do this',
  404: 'Not found',
  409: 'Conflicts with the current state',
  410: 'Gone',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Cannot be processed as asked',
  429: 'Too many requests: retry after Retry-After seconds',
  500: 'Internal error',
  503: 'Unavailable for now: retry after Retry-After seconds',
};

/**
 * The one error format (http-error.filter.ts), narrowed per answer to the codes the operation
 * declares for that status, so that a client can switch on `code`.
 */
const errorBody = (status: number, codes: readonly string[]): JsonSchema => ({
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', const: status },
    code: { type: 'string', enum: [...codes].sort() },
    message: { type: 'string', description: 'For a person; in Chinese for Accept-Language: zh.' },
    details: { description: 'Per-field issues of a validation failure, and the like.' },
  },
  additionalProperties: false,
});

/**
 * The OpenAPI 3.1 description of a service: the operations Nest finds, each completed from its
 * @Contract (summary, parameters, body, answers and error codes, all JSON Schema generated from
 * the zod schemas that validate). An operation without a contract is published bare, and the
 * contract test (api-contract.spec.ts) fails on it.
 */
export function describeApi(app: INestApplication, info: ApiInfo): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle(info.title)
      .setDescription(info.description)
      .setVersion('v1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT (ES256)' }, 'bearer')
      .build(),
  );
  const handlers = handlersByOperationId(app);
  const schemas: Record<string, JsonSchema> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      // One handler on several paths gets `<id>[0]`, `<id>[1]`… from Nest's scanner.
      const id = operation.operationId?.replace(/\[\d+\]$/, '');
      const handler = id ? handlers.get(id) : undefined;
      const contract = handler && contractOf(handler.method);
      if (!handler || !contract) continue;
      completeOperation(operation, path, contract, accessOf(handler), schemas);
    }
  }
  document.components = { ...document.components, schemas };
  return document;
}

interface Handler {
  controller: object;
  method: object;
  name: string;
}

/** Whether each operation's handler reads a body (@Body) or a query (@Query), by operation id. */
export function handlerInputs(
  app: INestApplication,
): Map<string, { body: boolean; query: boolean }> {
  const inputs = new Map<string, { body: boolean; query: boolean }>();
  for (const [operationId, { controller, name }] of handlersByOperationId(app)) {
    const args = Object.keys(
      (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as object,
    );
    const takes = (type: RouteParamtypes) => args.some((key) => key.startsWith(`${type}:`));
    inputs.set(operationId, {
      body: takes(RouteParamtypes.BODY),
      query: takes(RouteParamtypes.QUERY),
    });
  }
  return inputs;
}

function handlersByOperationId(app: INestApplication): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { name: string; prototype: object } | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const method = (controller.prototype as Record<string, unknown>)[name];
        if (name !== 'constructor' && typeof method === 'function')
          handlers.set(`${controller.name}_${name}`, { controller, method, name });
      }
    }
  }
  return handlers;
}

type Access = { public: true } | { public: false; roles: readonly string[] };

function accessOf({ controller, method }: Handler): Access {
  const read = <T>(key: string): T | undefined =>
    (Reflect.getMetadata(key, method) ?? Reflect.getMetadata(key, controller)) as T | undefined;
  if (read<boolean>(IS_PUBLIC)) return { public: true };
  return { public: false, roles: read<string[]>(REQUIRED_ROLES) ?? [] };
}

function completeOperation(
  operation: Operation,
  path: string,
  contract: OperationContract,
  access: Access,
  schemas: Record<string, JsonSchema>,
): void {
  /** The codes of the coded fields in the request: each is a 400 answer of the operation. */
  const fieldCodes = new Set<string>();
  const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
    toSchema(schema, io, schemas, io === 'input' ? fieldCodes : undefined);
  operation.summary = contract.summary;
  operation.description = [
    contract.description,
    access.public ? 'No access token needed.' : `Roles: ${access.roles.join(', ')}.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  operation.parameters = [
    ...pathParameters(path),
    ...objectParameters('query', contract.query && schemaOf(contract.query, 'input')),
    ...objectParameters('header', contract.headers && schemaOf(contract.headers, 'input')),
  ];
  if (contract.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: schemaOf(contract.body, 'input') } },
    };
  } else if (contract.upload) {
    const { field, description } = contract.upload;
    operation.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: [field],
            properties: {
              [field]: {
                type: 'string',
                contentMediaType: 'application/octet-stream',
                description,
              },
            },
          },
        },
      },
    };
  } else {
    delete operation.requestBody;
  }
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(contract.responses)) {
    responses[status] = successResponse(Number(status), answer, schemaOf);
  }
  const errors = errorCodes(contract, access, fieldCodes);
  for (const [status, codes] of [...errors].sort(([a], [b]) => a - b)) {
    // A status the operation answers on purpose (readiness: 503 with its report) keeps its body.
    if (responses[String(status)]) continue;
    responses[String(status)] = {
      description: STATUS_TEXT[status] ?? CODES_BY_STATUS[status] ?? 'Error',
      content: { 'application/json': { schema: errorBody(status, [...codes]) } },
    };
  }
  operation.responses = responses;
  operation.security = access.public ? [] : [{ bearer: [] }];
  operation['x-roles'] = access.public ? [] : [...access.roles];
}

function errorCodes(
  contract: OperationContract,
  access: Access,
  fieldCodes: ReadonlySet<string>,
): Map<number, Set<string>> {
  const groups: Readonly<Record<number, readonly string[]>>[] = [
    SHARED_ERRORS.every,
    contract.errors ?? {},
  ];
  if (fieldCodes.size > 0) groups.push({ 400: [...fieldCodes] });
  if (contract.body || contract.query || contract.headers) groups.push(SHARED_ERRORS.validated);
  if (contract.body || contract.upload) groups.push(SHARED_ERRORS.body);
  if (!access.public) groups.push(SHARED_ERRORS.signedIn, SHARED_ERRORS.roles);
  const byStatus = new Map<number, Set<string>>();
  for (const group of groups) {
    for (const [status, codes] of Object.entries(group)) {
      const set = byStatus.get(Number(status)) ?? new Set<string>();
      for (const code of codes) set.add(code);
      byStatus.set(Number(status), set);
    }
  }
  return byStatus;
}

function successResponse(
  status: number,
  answer: z.ZodType | MediaAnswer | null,
  schemaOf: (schema: z.ZodType, io: 'input' | 'output') => JsonSchema,
): unknown {
  const description = STATUS_TEXT[status] ?? 'OK';
  if (answer === null) return { description };
  if (answer instanceof z.ZodType) {
    return { description, content: { 'application/json': { schema: schemaOf(answer, 'output') } } };
  }
  const schema = answer.schema
    ? schemaOf(answer.schema, 'output')
    : { type: 'string', contentMediaType: answer.media };
  return { description: answer.description, content: { [answer.media]: { schema } } };
}

/** `/v1/passes/{id}` → the `id` path parameter (a string; the handler's pipe checks its form). */
function pathParameters(path: string): unknown[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function objectParameters(where: 'query' | 'header', schema: JsonSchema | undefined): unknown[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

/**
 * zod 4's JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of a request (`input`) or an
 * answer (`output`). Schemas named with `.meta({ id })` become components, shared by reference.
 */
function toSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, JsonSchema>,
  codes?: Set<string>,
): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // A coded field (libs/contracts) is published as what it takes, with the code it answers.
    override: ({ zodSchema, jsonSchema }) => {
      const coded = codedFields.get(zodSchema as unknown as z.ZodType);
      if (!coded) return;
      codes?.add(coded.code);
      const inner = toSchema(coded.schema, io, components, codes);
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
      Object.assign(jsonSchema, inner, {
        description: coded.hint,
        'x-error-code': coded.code,
      });
    },
  }) as JsonSchema;
  delete json.$schema;
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  delete json.$defs;
  for (const [id, def] of Object.entries(defs)) components[id] = relinked(def);
  return relinked(json);
}

/** zod points at `#/$defs/<id>`; the components live at `#/components/schemas/<id>`. */
const relinked = (schema: JsonSchema): JsonSchema =>
  JSON.parse(
    JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as JsonSchema;
