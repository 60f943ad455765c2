import { IsInt, IsString, Max, Min } from 'class-validator';

/** The carrier adapter's own settings: its operator channel (SMPP 3.4). In the embedded profile it points at the bundled simulator. */
export class CarrierAdapterConfig {
  @IsString() SMPP_HOST: string = '127.0.0.1';
  @IsInt() @Min(0) @Max(65535) SMPP_PORT: number = 2775;
  @IsString() SMPP_SYSTEM_ID: string = 'smsplatform';
  @IsString() SMPP_PASSWORD: string = 'secret';
  /** submit_sm in flight per bind. */
  @IsInt() @Min(1) @Max(1000) SMPP_WINDOW: number = 100;
  /** Binds per channel. */
  @IsInt() @Min(1) @Max(16) SMPP_SESSIONS: number = 1;
  @IsString() SMPP_SOURCE_ADDR: string = '10690000';
}
