import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { problemOf } from './problem-details.filter';

export const PROBLEM_JSON = 'application/problem+json';

@ApiSchema({ name: 'ProblemField', description: 'One request field that failed validation and why.' })
export class ProblemFieldSchema {
  @ApiProperty({ example: 'phoneNumbers' }) field!: string;
  @ApiProperty({ type: [String], example: ['phoneNumbers must contain at least 1 elements'] }) problems!: string[];
}

@ApiSchema({ name: 'ProblemDetails', description: 'RFC 9457 problem details, served as application/problem+json. `code` is the stable machine code.' })
export class ProblemDetailsSchema {
  @ApiProperty({ format: 'uri-reference', example: 'urn:sms-platform:problem:account-not-found', description: 'Identifies the kind of problem; one per code.' })
  type!: string;
  @ApiProperty({ example: 'Not Found', description: 'The HTTP status phrase.' }) title!: string;
  @ApiProperty({ type: 'integer', example: 404 }) status!: number;
  @ApiProperty({ example: 'Account 5b0c2f3e does not exist.', description: 'This occurrence, for a person.' }) detail!: string;
  @ApiProperty({ example: 'ACCOUNT_NOT_FOUND', description: 'Stable machine code (CONTRACTS.md); branch on this, not on detail.' }) code!: string;
  @ApiPropertyOptional({ format: 'uri-reference', example: '/v1/accounts/5b0c2f3e', description: 'The request path that got this answer.' })
  instance?: string;
  @ApiPropertyOptional({ type: [ProblemFieldSchema], description: 'VALIDATION_FAILED from request validation: each failing field.' })
  errors?: ProblemFieldSchema[];
}

/** A body a route reads can be refused before the route runs: too large (413), wrong charset or encoding (415). */
export const BODY_PROBLEMS = ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const;

/**
 * Declares the problem+json answers of an operation by their codes (`ApiProblems('VALIDATION_FAILED',
 * 'ACCOUNT_NOT_FOUND')`): one response per status the codes map to — by the filter's own rules — each with the
 * shared ProblemDetails schema and an example per code. 500 INTERNAL is added, as any route can answer it.
 * Declare the success response too (`@ApiOkResponse`…): once an operation has any @ApiResponse, Swagger no longer
 * adds its default one.
 */
export function ApiProblems(...codes: string[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ReturnType<typeof problemOf>[]>();
  for (const code of new Set([...codes, 'INTERNAL'])) {
    const example = problemOf(code, exampleDetail(code), code === 'VALIDATION_FAILED' ? { errors: [{ field: 'phoneNumbers', problems: ['phoneNumbers must contain at least 1 elements'] }] } : {});
    byStatus.set(example.status, [...(byStatus.get(example.status) ?? []), example]);
  }
  return applyDecorators(
    ApiExtraModels(ProblemDetailsSchema, ProblemFieldSchema),
    ...[...byStatus].map(([status, examples]) =>
      ApiResponse({
        status,
        description: `${examples[0].title}: ${examples.map((e) => e.code).join(', ')}`,
        content: {
          [PROBLEM_JSON]: {
            schema: { $ref: getSchemaPath(ProblemDetailsSchema) },
            examples: Object.fromEntries(examples.map((e) => [e.code, { summary: e.code, value: e }])),
          },
        },
      }),
    ),
  );
}

// "ACCOUNT_NOT_FOUND" → "Account not found."
function exampleDetail(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

type Parameter = { name?: string; in?: string; [key: string]: unknown };

/**
 * Merges parameters an operation lists twice. @nestjs/swagger merges a reflected parameter (`@Headers('idempotency-key')`)
 * with its @ApiHeader only when the names match exactly, but header names are case-insensitive: without this the
 * document lists `idempotency-key` (required) and `Idempotency-Key` (optional). The declared one comes later and wins.
 */
export function mergeDuplicateParameters(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const parameters = (operation as { parameters?: Parameter[] } | undefined)?.parameters;
      if (!Array.isArray(parameters)) continue;
      const merged = new Map<string, Parameter>();
      const kept: Parameter[] = [];
      for (const parameter of parameters) {
        if (typeof parameter.name !== 'string') {
          kept.push(parameter);
          continue;
        }
        const key = `${parameter.in}:${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`;
        const earlier = merged.get(key);
        if (earlier) Object.assign(earlier, parameter);
        else {
          const copy = { ...parameter };
          merged.set(key, copy);
          kept.push(copy);
        }
      }
      (operation as { parameters: Parameter[] }).parameters = kept;
    }
  }
  return document;
}
