import { IsOptional } from 'class-validator';
import { DomainError } from './errors';
import { createValidationPipe, UtcTime } from './validation';

class Window {
  @IsOptional() @UtcTime() from?: string;
}

const pipe = createValidationPipe();
const validate = (value: unknown) => pipe.transform({ from: value }, { type: 'query', metatype: Window });

describe('UtcTime', () => {
  it.each([
    ['2026-11-26T08:00:00Z', '2026-11-26T08:00:00.000Z'],
    ['2026-11-26T16:00:00+08:00', '2026-11-26T08:00:00.000Z'],
    ['2026-11-26', '2026-11-26T00:00:00.000Z'],
  ])('answers %s as the UTC time %s, which read models compare as strings', async (given, expected) => {
    expect((await validate(given)).from).toBe(expected);
  });

  it.each(['2021-W52-7', '2021-365', 'yesterday', '2026-13-01T00:00:00Z', ''])('refuses %j with VALIDATION_FAILED', async (given) => {
    await expect(validate(given)).rejects.toBeInstanceOf(DomainError);
  });
});
