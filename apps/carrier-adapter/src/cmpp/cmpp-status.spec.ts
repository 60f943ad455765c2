import { CMPP_VERSION } from '@sms/carrier-protocols';
import { CmppConnectError } from './cmpp-errors';
import { cmppConnectStatusName, cmppSubmitError, cmppSubmitResultName } from './cmpp-status';

describe('CMPP status and result names', () => {
  it('names CONNECT_RESP statuses, 5 and above as other errors', () => {
    expect([0, 1, 2, 3, 4, 5, 200].map(cmppConnectStatusName)).toEqual([
      'OK',
      'BAD_STRUCTURE',
      'ILLEGAL_SOURCE_ADDRESS',
      'AUTHENTICATION_FAILED',
      'VERSION_TOO_HIGH',
      'OTHER_ERROR',
      'OTHER_ERROR',
    ]);
  });

  it('names SUBMIT_RESP results by version: 9–13 exist in 3.0 only', () => {
    expect(cmppSubmitResultName(8, CMPP_VERSION.V3_0)).toBe('FLOW_CONTROL');
    expect(cmppSubmitResultName(8, CMPP_VERSION.V2_0)).toBe('FLOW_CONTROL');
    expect(cmppSubmitResultName(13, CMPP_VERSION.V3_0)).toBe('BAD_DEST_TERMINAL_ID');
    expect(cmppSubmitResultName(13, CMPP_VERSION.V2_0)).toBe('OTHER_ERROR');
    expect(cmppSubmitResultName(14, CMPP_VERSION.V3_0)).toBe('OTHER_ERROR');
  });

  it('reports a refused part with the Result, a CMPP_<n> code and the name', () => {
    expect(cmppSubmitError(9, CMPP_VERSION.V3_0)).toEqual({ commandStatus: 9, code: 'CMPP_9', detail: 'FEE_NUMBER_NOT_SERVED' });
  });

  it('says which status refused a connect, and why', () => {
    const error = new CmppConnectError(3);
    expect(error).toMatchObject({ status: 3, code: 'CMPP_CONNECT_3', statusName: 'AUTHENTICATION_FAILED', name: 'CmppConnectError' });
    expect(error.message).toBe('CMPP connect refused: AUTHENTICATION_FAILED (Status 3)');
  });
});
