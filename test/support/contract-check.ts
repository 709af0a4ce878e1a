import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ObservedAnswer } from '@app/platform';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type JsonSchema = Record<string, unknown>;
interface Response {
  content?: Record<string, { schema?: JsonSchema }>;
}
interface Document {
  paths: Record<string, Record<string, { responses?: Record<string, Response> }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/**
 * Checks every answer a service gives in an e2e suite against the contract it publishes at
 * /docs-json: the status must be one the operation lists, a JSON answer must match the schema of
 * that status (an error's `code` included), any other answer must be of the media type listed.
 * The suite fails at `app.close()` with every answer that broke the contract.
 */
export class ContractCheck {
  private readonly answers: ObservedAnswer[] = [];

  readonly record = (answer: ObservedAnswer): void => {
    this.answers.push(answer);
  };

  /** Every answer recorded so far that the published contract does not allow. */
  async violations(app: NestFastifyApplication): Promise<string[]> {
    const published = await app.inject({ method: 'GET', url: '/docs-json' });
    const document = JSON.parse(published.body) as Document;
    const validators = new Validators(document);
    const found = new Set<string>();
    for (const answer of this.answers.splice(0)) {
      const problem = problemOf(answer, document, validators);
      if (problem) found.add(`${answer.method} ${answer.route} → ${answer.status}: ${problem}`);
    }
    return [...found];
  }

  /** Closes the app, failing when an answer broke the contract. */
  async closeChecked(app: NestFastifyApplication, close: () => Promise<void>): Promise<void> {
    const violations = await this.violations(app);
    await close();
    if (violations.length > 0) {
      throw new Error(
        `answers that break the published contract (docs/api):\n  ${violations.join('\n  ')}`,
      );
    }
  }
}

/** `/v1/passes/:id` → `/v1/passes/{id}`, as OpenAPI writes it. */
const openApiPath = (route: string) => route.replace(/:(\w+)/g, '{$1}');

function problemOf(
  answer: ObservedAnswer,
  document: Document,
  validators: Validators,
): string | undefined {
  if (!answer.route) return undefined; // no route matched: not an operation
  const operation = document.paths[openApiPath(answer.route)]?.[answer.method.toLowerCase()];
  if (!operation) return undefined; // pages, /docs: not in the contract
  const response = operation.responses?.[String(answer.status)];
  if (!response) return 'a status the operation does not list';
  const contents = Object.entries(response.content ?? {});
  if (contents.length === 0) {
    return answer.payload && answer.payload.length > 0 ? 'a body where none is listed' : undefined;
  }
  const media = answer.contentType.split(';')[0].trim();
  const listed = contents.find(([type]) => type === media);
  if (!listed)
    return `content-type ${media || '(none)'}, listed: ${contents.map(([t]) => t).join(', ')}`;
  if (!media.endsWith('json') || answer.payload === undefined) return undefined;
  const schema = listed[1].schema;
  if (!schema) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(answer.payload.toString());
  } catch {
    return 'a body that is not JSON';
  }
  const problem = validators.check(schema, body);
  const code = (body as { code?: unknown } | null)?.code;
  return problem && typeof code === 'string' ? `${problem} (code ${code})` : problem;
}

class Validators {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<JsonSchema, ValidateFunction>();

  constructor(private readonly document: Document) {
    addFormats(this.ajv);
  }

  check(schema: JsonSchema, body: unknown): string | undefined {
    let validate = this.compiled.get(schema);
    if (!validate) {
      // Components are referenced as #/components/schemas/<id>: carried along as $defs.
      const rooted = JSON.parse(
        JSON.stringify({ ...schema, $defs: this.document.components?.schemas ?? {} }).replaceAll(
          '"#/components/schemas/',
          '"#/$defs/',
        ),
      ) as JsonSchema;
      validate = this.ajv.compile(rooted);
      this.compiled.set(schema, validate);
    }
    if (validate(body)) return undefined;
    return this.ajv.errorsText(validate.errors, { dataVar: 'body' });
  }
}
