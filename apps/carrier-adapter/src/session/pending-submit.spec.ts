import { PendingSubmit, type SubmitResult } from './pending-submit';

function pending(parts: number) {
  const outcome: { result?: SubmitResult; error?: Error } = {};
  const submit = new PendingSubmit(
    parts,
    (result) => (outcome.result = result),
    (error) => (outcome.error = error),
  );
  return { submit, outcome };
}

describe('PendingSubmit', () => {
  it('resolves once every part has an answer, in part order whatever the answer order', () => {
    const { submit, outcome } = pending(3);
    submit.complete({ seq: 2, operatorMessageId: 'b' });
    submit.complete({ seq: 3, error: { commandStatus: 0x45, code: 'SMPP_0x45', detail: 'ESME_RSUBMITFAIL' } });
    expect(outcome).toEqual({});
    submit.complete({ seq: 1, operatorMessageId: 'a' });
    expect(outcome.result?.parts.map((p) => p.seq)).toEqual([1, 2, 3]);
    expect(outcome.result?.parts[1]).toEqual({ seq: 2, operatorMessageId: 'b' });
  });

  it('does not count a repeated answer for the same part twice', () => {
    const { submit, outcome } = pending(2);
    submit.complete({ seq: 1, operatorMessageId: 'a' });
    submit.complete({ seq: 1, operatorMessageId: 'a' });
    expect(outcome.result).toBeUndefined();
    submit.complete({ seq: 2, operatorMessageId: 'b' });
    expect(outcome.result?.parts).toHaveLength(2);
  });

  it('fails as a whole, and ignores what comes after it settled', () => {
    const { submit, outcome } = pending(2);
    submit.complete({ seq: 1, operatorMessageId: 'a' });
    submit.fail(new Error('closed'));
    submit.complete({ seq: 2, operatorMessageId: 'b' });
    submit.fail(new Error('again'));
    expect(outcome).toEqual({ error: new Error('closed') });
  });
});
