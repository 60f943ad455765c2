import { type ValidationArguments, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { parseFrequencyLimits } from './messages/domain/frequency-limits';
import { parseSendWindow } from './messages/domain/send-window';

/** FREQUENCY_LIMITS is checked by the parser the guard runs on: a start with a value it cannot read stops, saying why. */
@ValidatorConstraint({ name: 'frequencyLimits' })
export class FrequencyLimitsSetting implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseFrequencyLimits(value).ok;
  }

  defaultMessage(args: ValidationArguments): string {
    const parsed = typeof args.value === 'string' ? parseFrequencyLimits(args.value) : undefined;
    const why = parsed && !parsed.ok ? `: ${parsed.detail}` : '';
    return `${args.property} must be kind:count/window[,count/window…][;kind:…] like verification:1/1m,5/1h,10/1d;*:50/1d, or off${why}`;
  }
}

/** MARKETING_SEND_WINDOW: `HH:MM-HH:MM` in the recipient's local time. */
@ValidatorConstraint({ name: 'sendWindow' })
export class SendWindowSetting implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseSendWindow(value) !== undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be HH:MM-HH:MM (opening and closing time, recipient local time; 00:00-24:00 = always)`;
  }
}
