import { createLogger } from './logger';
import { PinoNestLogger } from './nest-logger';

function capture() {
  const raw: string[] = [];
  const pino = createLogger({ name: 'nest', level: 'trace', destination: { write: (line: string) => raw.push(line) } });
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, any>);
  return { nest: new PinoNestLogger(pino), raw, lines };
}

describe('PinoNestLogger', () => {
  it('writes Nest log calls as masked pino lines with their context', () => {
    const { nest, raw, lines } = capture();
    nest.log('Mapped {/v1/sms, POST} for 13812345678', 'RouterExplorer');
    nest.warn('slow', 'Dispatch');
    nest.debug('d');
    nest.verbose('v', 'Ctx');
    nest.fatal('f');
    expect(lines().map((l) => [l.level, l.msg, l.context])).toEqual([
      ['info', 'Mapped {/v1/sms, POST} for 138****5678', 'RouterExplorer'],
      ['warn', 'slow', 'Dispatch'],
      ['debug', 'd', undefined],
      ['trace', 'v', 'Ctx'],
      ['fatal', 'f', undefined],
    ]);
    expect(raw.join('')).not.toContain('13812345678');
  });

  it('keeps the stack Nest passes to error() apart from the context', () => {
    const { nest, lines } = capture();
    const err = new Error('boom for +8613812345678');
    nest.error(err.message, err.stack, 'ExceptionsHandler');
    const [line] = lines();
    expect(line).toMatchObject({ level: 'error', msg: 'boom for 138****5678', context: 'ExceptionsHandler' });
    expect(line.stack).toContain('boom for 138****5678');
    expect(line.stack).toMatch(/\n\s+at /);
  });

  it('logs Error and object messages as fields', () => {
    const { nest, lines } = capture();
    nest.error(new Error('down'), 'Kafka');
    nest.log({ event: 'started', port: 3000 }, 'Bootstrap');
    expect(lines()[0]).toMatchObject({ msg: 'down', context: 'Kafka', err: { type: 'Error', message: 'down' } });
    expect(lines()[1]).toMatchObject({ event: 'started', port: 3000, context: 'Bootstrap' });
  });

  it('applies Nest log levels to pino', () => {
    const { nest, lines } = capture();
    nest.setLogLevels(['error', 'warn']);
    nest.log('hidden');
    nest.debug('hidden');
    nest.warn('shown');
    expect(lines().map((l) => l.msg)).toEqual(['shown']);
    nest.setLogLevels([]);
    nest.error('hidden too');
    expect(lines()).toHaveLength(1);
  });
});
