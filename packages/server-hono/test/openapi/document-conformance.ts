import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** One answer of the app, as the client saw it. */
export interface RecordedAnswer {
  method: string;
  /** The path called, without the query. */
  path: string;
  status: number;
  headers: Headers;
  body: string;
}

type JsonObject = Record<string, unknown>;
type Document = JsonObject & { paths: Record<string, JsonObject> };
type Header = { required?: boolean; schema?: JsonObject };
type Answer = { headers?: Record<string, Header | { $ref: string }>; content?: JsonObject };

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `~` and `/` escaped for a JSON pointer segment (RFC 6901). */
const pointerSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks recorded answers against an OpenAPI 3.1 document: the status is one the operation
 * declares, the body matches the declared schema of that status and content type (ajv,
 * JSON Schema 2020-12, formats checked), declared headers are present and match their
 * schema. A method a path has no operation for is held to `#/components/responses/MethodNotAllowed`
 * with an `Allow` header naming the path's methods.
 */
export class DocumentConformance {
  readonly #document: Document;
  readonly #ajv: Ajv2020;
  readonly #templates: { template: string; pattern: RegExp; literals: number }[];
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(document: JsonObject) {
    this.#document = document as Document;
    this.#ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(this.#ajv);
    this.#ajv.addSchema(document, 'openapi.json');
    this.#templates = Object.keys(this.#document.paths).map((template) => ({
      template,
      pattern: new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`,
      ),
      literals: template.split('/').filter((segment) => !segment.startsWith('{')).length,
    }));
  }

  /** The document's path template of a concrete path (`/v1/users/usr_1` → `/v1/users/{id}`). */
  pathTemplate(path: string): string | null {
    const matches = this.#templates.filter(({ pattern }) => pattern.test(path));
    matches.sort((a, b) => b.literals - a.literals);
    return matches[0]?.template ?? null;
  }

  /** The operationId answering `method path`, or null (no such path, or a 405). */
  operationId(method: string, path: string): string | null {
    const template = this.pathTemplate(path);
    const operation = template
      ? (this.#document.paths[template]?.[method.toLowerCase()] as JsonObject | undefined)
      : undefined;
    return (operation?.operationId as string | undefined) ?? null;
  }

  /** What is wrong with an answer, as readable lines naming operation and status; none when it conforms. */
  check(answer: RecordedAnswer): string[] {
    const template = this.pathTemplate(answer.path);
    if (!template) return [`${answer.method} ${answer.path}: no path of the document matches`];
    const item = this.#document.paths[template] as JsonObject;
    const method = answer.method.toLowerCase();
    const operation = item[method] as
      | { operationId: string; responses: Record<string, Answer | { $ref: string }> }
      | undefined;
    if (!operation) return this.#checkMethodNotAllowed(answer, template, item);

    const name = `${operation.operationId} (${answer.method} ${template}) answered ${answer.status}`;
    const declared = operation.responses[String(answer.status)];
    if (!declared) {
      const statuses = Object.keys(operation.responses).join(', ');
      return [
        `${name}, which it does not declare (declared: ${statuses}); body: ${answer.body.slice(0, 300)}`,
      ];
    }
    const pointer = `#/paths/${pointerSegment(template)}/${method}/responses/${answer.status}`;
    return this.#checkAnswer(name, answer, declared, pointer);
  }

  #checkMethodNotAllowed(answer: RecordedAnswer, template: string, item: JsonObject): string[] {
    const name = `${answer.method} ${template} (no such operation) answered ${answer.status}`;
    if (answer.status !== 405) return [`${name}, expected 405 method_not_allowed`];
    const problems = this.#checkAnswer(
      name,
      answer,
      this.#resolve({ $ref: '#/components/responses/MethodNotAllowed' }) as Answer,
      '#/components/responses/MethodNotAllowed',
    );
    const allowed = methods.filter((method) => method in item).map((m) => m.toUpperCase());
    if (allowed.includes('GET')) allowed.push('HEAD');
    const allow = (answer.headers.get('allow') ?? '').split(/,\s*/).sort();
    if (allow.join() !== [...new Set(allowed)].sort().join()) {
      problems.push(
        `${name}: Allow is "${answer.headers.get('allow')}", the path has ${allowed.join(', ')}`,
      );
    }
    return problems;
  }

  #checkAnswer(
    name: string,
    answer: RecordedAnswer,
    declared: Answer | { $ref: string },
    pointer: string,
  ): string[] {
    const problems: string[] = [];
    const response = this.#resolve(declared) as Answer;
    const base = '$ref' in declared && typeof declared.$ref === 'string' ? declared.$ref : pointer;

    for (const [headerName, headerOrRef] of Object.entries(response.headers ?? {})) {
      const header = this.#resolve(headerOrRef) as Header;
      const value = answer.headers.get(headerName);
      if (value === null) {
        if (header.required) problems.push(`${name}: the declared header ${headerName} is missing`);
        continue;
      }
      if (header.schema) {
        const parsed =
          header.schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
        const errors = this.#validate(header.schema, parsed);
        if (errors) problems.push(`${name}: header ${headerName}: "${value}" ${errors}`);
      }
    }

    const content = response.content as Record<string, unknown> | undefined;
    if (!content) {
      if (answer.body !== '')
        problems.push(`${name}: declares no body, but sent ${answer.body.slice(0, 200)}`);
      return problems;
    }
    const contentType = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!(contentType in content)) {
      problems.push(
        `${name}: content type "${contentType}", declared: ${Object.keys(content).join(', ')}`,
      );
      return problems;
    }
    if (contentType !== 'application/json' && !contentType.endsWith('+json'))
      return [
        ...problems,
        ...this.#checkText(name, answer, content[contentType], base, contentType),
      ];
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      problems.push(`${name}: the body is not JSON: ${answer.body.slice(0, 200)}`);
      return problems;
    }
    const validator = this.#validator(`${base}/content/${pointerSegment(contentType)}/schema`);
    if (!validator(body)) {
      problems.push(
        `${name}: the body does not match the declared schema: ${this.#ajv.errorsText(validator.errors)}; body: ${answer.body.slice(0, 300)}`,
      );
    }
    return problems;
  }

  /**
   * A text answer (a download: NDJSON, CSV): a string, so any text matches its schema; each
   * line of a format that declares one JSON value per line (`x-line-schema`) must be one
   * that matches.
   */
  #checkText(
    name: string,
    answer: RecordedAnswer,
    media: unknown,
    base: string,
    contentType: string,
  ): string[] {
    if (!media || typeof media !== 'object' || !('x-line-schema' in media)) return [];
    const validator = this.#validator(
      `${base}/content/${pointerSegment(contentType)}/x-line-schema`,
    );
    const problems: string[] = [];
    for (const [index, line] of answer.body.split('\n').entries()) {
      if (line === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        problems.push(`${name}: line ${index + 1} is not JSON: ${line.slice(0, 200)}`);
        continue;
      }
      if (!validator(value))
        problems.push(
          `${name}: line ${index + 1} does not match the declared line schema: ${this.#ajv.errorsText(validator.errors)}`,
        );
    }
    return problems;
  }

  /** A `{ $ref: '#/…' }` of the document followed (once or more), anything else as it is. */
  #resolve(value: unknown): unknown {
    let current = value;
    while (current && typeof current === 'object' && '$ref' in current) {
      const ref = (current as { $ref: string }).$ref;
      current = ref
        .slice(2)
        .split('/')
        .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce<unknown>((node, key) => (node as JsonObject | undefined)?.[key], this.#document);
      if (current === undefined) throw new Error(`Unresolvable $ref ${ref}`);
    }
    return current;
  }

  #validator(pointer: string): ValidateFunction {
    let validator = this.#validators.get(pointer);
    if (!validator) {
      validator = this.#ajv.getSchema(`openapi.json${pointer}`);
      if (!validator) throw new Error(`No schema at ${pointer}`);
      this.#validators.set(pointer, validator);
    }
    return validator;
  }

  #validate(schema: JsonObject, value: unknown): string | null {
    const validator = this.#ajv.compile(schema);
    return validator(value) ? null : this.#ajv.errorsText(validator.errors);
  }
}
