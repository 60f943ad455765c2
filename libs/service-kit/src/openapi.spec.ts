import { Body, Controller, Get, Headers, INestApplication, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProperty, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_STATUS } from './errors';
import { ApiProblems, BODY_PROBLEMS, mergeDuplicateParameters, PROBLEM_JSON } from './openapi';
import { problemOf } from './problem-details.filter';

class ThingDto {
  @ApiProperty() name!: string;
}

@Controller('v1/things')
class ThingsController {
  @Post()
  @ApiCreatedResponse({ type: ThingDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'retries' })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED', 'TEMPLATE_NOT_APPROVED')
  create(@Body() body: ThingDto, @Headers('idempotency-key') key?: string): unknown {
    return { body, key };
  }

  @Get(':thingId')
  @ApiOkResponse({ type: ThingDto })
  @ApiProblems('NOT_FOUND')
  get(@Param('thingId') thingId: string): unknown {
    return { thingId };
  }
}

describe('ApiProblems and mergeDuplicateParameters', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    class ThingsModule {}
    app = await NestFactory.create({ module: ThingsModule, controllers: [ThingsController] }, { logger: false });
    document = mergeDuplicateParameters(SwaggerModule.createDocument(app, new DocumentBuilder().build()));
  });
  afterAll(() => app.close());

  it('groups the codes by the status the filter answers them with, each as problem+json with the shared schema', () => {
    const responses = (document.paths['/v1/things'] as any).post.responses as Record<string, any>;
    expect(Object.keys(responses).sort()).toEqual(['201', '400', '404', '413', '415', '422', '500']);
    expect(responses['422'].description).toBe('Unprocessable Content: IDEMPOTENCY_KEY_REUSED, TEMPLATE_NOT_APPROVED');
    for (const status of ['400', '404', '413', '415', '422', '500']) {
      expect(Object.keys(responses[status].content)).toEqual([PROBLEM_JSON]);
      expect(responses[status].content[PROBLEM_JSON].schema).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    }
    expect(responses['404'].content[PROBLEM_JSON].examples.ACCOUNT_NOT_FOUND.value).toEqual({
      type: 'urn:sms-platform:problem:account-not-found',
      title: 'Not Found',
      status: 404,
      detail: 'Account not found.',
      code: 'ACCOUNT_NOT_FOUND',
    });
    expect(responses['400'].content[PROBLEM_JSON].examples.VALIDATION_FAILED.value.errors).toEqual([{ field: 'phoneNumbers', problems: [expect.any(String)] }]);
  });

  it('adds the ProblemDetails schema once, with its validation errors', () => {
    const schemas = document.components?.schemas as Record<string, any>;
    expect(schemas['ProblemDetails'].required).toEqual(['type', 'title', 'status', 'detail', 'code']);
    expect(Object.keys(schemas['ProblemDetails'].properties)).toEqual(['type', 'title', 'status', 'detail', 'code', 'instance', 'errors']);
    expect(schemas['ProblemDetails'].properties.errors).toEqual(expect.objectContaining({ type: 'array', items: { $ref: '#/components/schemas/ProblemField' } }));
    expect((document.paths['/v1/things/{thingId}'] as any).get.responses['200']).toBeDefined();
  });

  it('lists a header read by @Headers and declared by @ApiHeader once, as declared', () => {
    const headers = ((document.paths['/v1/things'] as any).post.parameters as any[]).filter((p) => p.in === 'header');
    expect(headers).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false, description: 'retries' })]);
  });

  it('declares every code under the status the filter answers it with', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect([code, problemOf(code, 'x').status]).toEqual([code, status]);
    expect(problemOf('PAYLOAD_TOO_LARGE', 'x').status).toBe(413);
    expect(problemOf('UNSUPPORTED_MEDIA_TYPE', 'x').status).toBe(415);
    expect(problemOf('SIGNATURE_REQUIRED', 'x').status).toBe(400); // a DomainError code without an entry
  });
});
