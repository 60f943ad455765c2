import { SmppBindError, SmppSessionClosedError } from './smpp-errors';

describe('SMPP session errors', () => {
  it('names a refused bind by its status, with the stable code', () => {
    const error = new SmppBindError(0x0e);
    expect(error).toMatchObject({ name: 'SmppBindError', commandStatus: 0x0e, code: 'SMPP_0x0E' });
    expect(error.message).toBe('SMPP bind refused: ESME_RINVPASWD (0x0e)');
  });

  it('gives a closed session its own code', () => {
    expect(new SmppSessionClosedError()).toMatchObject({ name: 'SmppSessionClosedError', code: 'SMPP_SESSION_CLOSED', message: 'SMPP session is closed' });
  });
});
