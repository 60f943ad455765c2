import { applyDecorators, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import { IsISO8601, ValidateBy, validateSync } from 'class-validator';
import { DomainError } from './errors';

function describe(errors: ValidationError[], parent = ''): Array<{ field: string; problems: string[] }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...describe(error.children ?? [], field)];
  });
}

/** Request DTO validation: unknown fields rejected, failures become VALIDATION_FAILED with the fields named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = describe(errors);
      const detail = fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | ');
      return new DomainError('VALIDATION_FAILED', detail || 'Invalid request', { errors: fields });
    },
  });
}

/** Validates a plain object (env, consumed payload) into a class instance or throws naming every bad field. */
export function validateOrThrow<T extends object>(cls: new () => T, plain: Record<string, unknown>, what: string): T {
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false });
  if (errors.length > 0) {
    const detail = describe(errors)
      .map((f) => `${f.field}: ${f.problems.join('; ')}`)
      .join('\n  ');
    throw new Error(`Invalid ${what}:\n  ${detail}`);
  }
  return instance;
}

/**
 * A time bound of a query (`from`, `to`): RFC 3339 / ISO 8601 that `Date` can read, answered as UTC
 * `…T…Z`. Read models compare stored UTC times as strings, so a bound with an offset or in week-date form would
 * otherwise filter wrongly without any error.
 */
export function UtcTime(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : value)),
    IsISO8601({ strict: true }, { message: '$property must be an RFC 3339 time' }),
    // Week dates and ordinal dates are ISO 8601 too, but Date cannot read them (they stay untransformed).
    ValidateBy({ name: 'isUtcTime', validator: { validate: (value) => typeof value === 'string' && value.endsWith('Z'), defaultMessage: () => '$property must be an RFC 3339 time' } }),
  );
}
