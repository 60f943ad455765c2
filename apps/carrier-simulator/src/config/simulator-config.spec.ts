import { cmppSimulatorOptions, loadSimulatorConfig, simulatorOptions } from './simulator-config';

describe('simulator configuration', () => {
  it('defaults to port 2775 on loopback with no faults', () => {
    expect(simulatorOptions(loadSimulatorConfig({}))).toEqual({
      port: 2775,
      host: '127.0.0.1',
      latencyMs: 0,
      receiptDelayMs: 0,
      throttleRate: undefined,
      submitFailRate: undefined,
      undeliveredRate: undefined,
      dropConnectionAfter: 0,
      moEvery: 0,
      credentials: undefined,
    });
  });

  it('reads every variable, rates as probabilities or every:N', () => {
    const options = simulatorOptions(
      loadSimulatorConfig({
        SIM_SMPP_PORT: '2776',
        SIM_HOST: '0.0.0.0',
        SIM_LATENCY_MS: '5',
        SIM_RECEIPT_DELAY_MS: '250',
        SIM_THROTTLE_RATE: '0.1',
        SIM_SUBMIT_FAIL_RATE: 'every:50',
        SIM_UNDELIVERED_RATE: '.05',
        SIM_DROP_AFTER: '1000',
        SIM_MO_EVERY: '10',
        SIM_SMPP_CREDENTIALS: 'acme:secret,other:p:w',
      }),
    );
    expect(options).toEqual({
      port: 2776,
      host: '0.0.0.0',
      latencyMs: 5,
      receiptDelayMs: 250,
      throttleRate: 0.1,
      submitFailRate: { every: 50 },
      undeliveredRate: 0.05,
      dropConnectionAfter: 1000,
      moEvery: 10,
      credentials: { acme: 'secret', other: 'p:w' },
    });
  });

  it("falls back to the platform's variable names used by the container image and chart", () => {
    const config = loadSimulatorConfig({
      PORT: '8080',
      SMPP_HOST: '0.0.0.0',
      SMPP_PORT: '2775',
      SMPP_SYSTEM_ID: 'smsplatform',
      SMPP_PASSWORD: 'secret',
      SIMULATOR_RECEIPT_DELAY_MS: '100',
    });
    expect(config.SIM_HTTP_PORT).toBe(8080);
    expect(simulatorOptions(config)).toMatchObject({ host: '0.0.0.0', port: 2775, receiptDelayMs: 100, credentials: { smsplatform: 'secret' } });
  });

  it('prefers the SIM_ names and names the platform variable a bad value came from', () => {
    expect(loadSimulatorConfig({ SIM_SMPP_PORT: '2776', SMPP_PORT: '2775' }).SIM_SMPP_PORT).toBe(2776);
    expect(() => loadSimulatorConfig({ SMPP_PORT: 'x' })).toThrow('SIM_SMPP_PORT (from SMPP_PORT)');
  });

  it('has no HTTP side door unless a port is given', () => {
    expect(loadSimulatorConfig({}).SIM_HTTP_PORT).toBeUndefined();
  });

  it.each([
    ['SIM_HTTP_PORT', 'http'],
    ['SIM_SMPP_PORT', '70000'],
    ['SIM_LATENCY_MS', 'fast'],
    ['SIM_THROTTLE_RATE', '1.5'],
    ['SIM_SUBMIT_FAIL_RATE', 'every:0'],
    ['SIM_DROP_AFTER', '-1'],
    ['SIM_SMPP_CREDENTIALS', 'nopassword'],
  ])('stops on a bad %s naming it', (name, value) => {
    expect(() => loadSimulatorConfig({ [name]: value })).toThrow(name);
  });
});

describe('simulator configuration: the CMPP side', () => {
  it('runs an ISMG on 7890 serving 3.0, open to any SP, by default', () => {
    const config = loadSimulatorConfig({});
    expect(config.SIM_CMPP).toBe('on');
    expect(cmppSimulatorOptions(config)).toEqual({
      port: 7890,
      version: 0x30,
      host: '127.0.0.1',
      latencyMs: 0,
      receiptDelayMs: 0,
      throttleRate: undefined,
      submitFailRate: undefined,
      undeliveredRate: undefined,
      dropConnectionAfter: 0,
      moEvery: 0,
      credentials: undefined,
    });
  });

  it('takes its port, version and credentials, and the same host, delays and faults as the SMPP side', () => {
    const config = loadSimulatorConfig({
      SIM_CMPP: 'off',
      SIM_CMPP_PORT: '0',
      SIM_CMPP_VERSION: '20',
      SIM_CMPP_CREDENTIALS: 'SP0001:secret,901234:a:b',
      SIM_SMPP_CREDENTIALS: 'acme:pw',
      SIM_HOST: '0.0.0.0',
      SIM_LATENCY_MS: '5',
      SIM_RECEIPT_DELAY_MS: '250',
      SIM_THROTTLE_RATE: 'every:7',
      SIM_SUBMIT_FAIL_RATE: '0.01',
      SIM_UNDELIVERED_RATE: 'every:3',
      SIM_DROP_AFTER: '100',
      SIM_MO_EVERY: '9',
    });
    expect(config.SIM_CMPP).toBe('off');
    const { port, version, credentials, ...shared } = cmppSimulatorOptions(config);
    expect({ port, version, credentials }).toEqual({ port: 0, version: 0x20, credentials: { SP0001: 'secret', '901234': 'a:b' } });
    const { port: _smppPort, credentials: smppCredentials, ...smppShared } = simulatorOptions(config);
    expect(shared).toEqual(smppShared);
    expect(shared).toMatchObject({ host: '0.0.0.0', throttleRate: { every: 7 }, submitFailRate: 0.01, dropConnectionAfter: 100 });
    expect(smppCredentials).toEqual({ acme: 'pw' });
  });

  it.each([
    ['SIM_CMPP', 'maybe'],
    ['SIM_CMPP_PORT', '70000'],
    ['SIM_CMPP_VERSION', '31'],
    ['SIM_CMPP_CREDENTIALS', 'TOOLONGID:secret'],
    ['SIM_CMPP_CREDENTIALS', 'nosecret'],
  ])('stops on a bad %s (%s) naming it', (name, value) => {
    expect(() => loadSimulatorConfig({ [name]: value })).toThrow(name);
  });
});
