import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength, ValidateBy } from 'class-validator';
import { WEBHOOK_SECRET_MAX_LENGTH, WEBHOOK_SECRET_MIN_LENGTH, WEBHOOK_URL_MAX_LENGTH, webhookUrlProblem } from '../domain/webhook';

const IsWebhookUrl = () =>
  ValidateBy({
    name: 'isWebhookUrl',
    validator: {
      validate: (value) => typeof value === 'string' && webhookUrlProblem(value) === undefined,
      defaultMessage: (args) => (typeof args?.value === 'string' ? (webhookUrlProblem(args.value) ?? 'url is not a webhook URL') : 'url must be a string'),
    },
  });

export class PutWebhookDto {
  @ApiProperty({ example: 'https://hooks.acme.example/sms', maxLength: WEBHOOK_URL_MAX_LENGTH, description: 'http(s) URL of a public host (private targets only with WEBHOOK_ALLOW_PRIVATE=true)' })
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  @IsWebhookUrl()
  url!: string;

  @ApiProperty({
    minLength: WEBHOOK_SECRET_MIN_LENGTH,
    maxLength: WEBHOOK_SECRET_MAX_LENGTH,
    writeOnly: true,
    description: 'Key of the X-Sms-Signature HMAC-SHA256 over each body; never shown again',
  })
  @IsString()
  @Length(WEBHOOK_SECRET_MIN_LENGTH, WEBHOOK_SECRET_MAX_LENGTH)
  secret!: string;
}

export class WebhookResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: 'https://hooks.acme.example/sms' }) url!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
