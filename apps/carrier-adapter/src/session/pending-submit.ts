export interface SubmitPartError {
  commandStatus: number;
  /** `SMPP_0x45` */
  code: string;
  detail: string;
}

export interface SubmitPartResult {
  /** 1-based part number. */
  seq: number;
  operatorMessageId?: string;
  error?: SubmitPartError;
}

export interface SubmitResult {
  parts: SubmitPartResult[];
}

/**
 * One `submit()` call waiting for the answers to its parts: resolves with every part's result once the last is in,
 * or rejects as a whole. Whatever comes after it has settled is ignored.
 */
export class PendingSubmit {
  private readonly results: SubmitPartResult[];
  private remaining: number;
  private settled = false;

  constructor(
    parts: number,
    private readonly resolve: (result: SubmitResult) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.results = new Array(parts);
    this.remaining = parts;
  }

  /** Records the answer for part `result.seq`; a repeated answer for a part does not count twice. */
  complete(result: SubmitPartResult): void {
    if (this.settled) return;
    const i = result.seq - 1;
    if (this.results[i] === undefined) this.remaining--;
    this.results[i] = result;
    if (this.remaining === 0) {
      this.settled = true;
      this.resolve({ parts: this.results });
    }
  }

  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }
}
