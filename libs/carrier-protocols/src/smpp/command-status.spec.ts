import { COMMAND_STATUS, commandStatusCode, commandStatusName, isThrottlingStatus } from './command-status';

describe('command status', () => {
  it('names the standard statuses as the specification does', () => {
    expect(commandStatusName(COMMAND_STATUS.OK)).toBe('ESME_ROK');
    expect(commandStatusName(COMMAND_STATUS.SUBMIT_FAILED)).toBe('ESME_RSUBMITFAIL');
    expect(commandStatusName(COMMAND_STATUS.THROTTLED)).toBe('ESME_RTHROTTLED');
    expect(commandStatusName(COMMAND_STATUS.INVALID_PASSWORD)).toBe('ESME_RINVPASWD');
    expect(commandStatusName(COMMAND_STATUS.MESSAGE_QUEUE_FULL)).toBe('ESME_RMSGQFUL');
  });

  it('labels vendor-specific statuses instead of guessing a name', () => {
    expect(commandStatusName(0x4c1)).toBe('vendor-specific status 0x4C1');
  });

  it('reports codes as SMPP_0x followed by at least two upper-case hex digits', () => {
    expect(commandStatusCode(0x45)).toBe('SMPP_0x45');
    expect(commandStatusCode(0x0e)).toBe('SMPP_0x0E');
    expect(commandStatusCode(0x4c1)).toBe('SMPP_0x4C1');
  });

  it('tells throttling answers from refusals', () => {
    expect(isThrottlingStatus(COMMAND_STATUS.THROTTLED)).toBe(true);
    expect(isThrottlingStatus(COMMAND_STATUS.MESSAGE_QUEUE_FULL)).toBe(true);
    expect(isThrottlingStatus(COMMAND_STATUS.SUBMIT_FAILED)).toBe(false);
    expect(isThrottlingStatus(COMMAND_STATUS.OK)).toBe(false);
  });
});
