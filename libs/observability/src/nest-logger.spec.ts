import { createLogger } from './logger';
import { PinoNestLogger } from './nest-logger';

function capture() {
  const raw: string[] = [];
  const pino = createLogger({ name: 'nest', level: 'trace', format: 'json', destination: { write: (line: string) => raw.push(line) } });
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, any>);
  return { nest: new PinoNestLogger(pino), raw, lines };
}

describe('PinoNestLogger', () => {
  it('writes Nest log calls as masked pino lines with their context', () => {
    const { nest, raw, lines } = capture();
    nest.log('bound to SMSC for 13812345678', 'SmppSession');
    nest.warn('slow', 'Dispatch');
    nest.debug('d');
    nest.verbose('v', 'Ctx');
    nest.fatal('f');
    expect(lines().map((l) => [l.level, l.msg, l.context])).toEqual([
      ['info', 'bound to SMSC for 138****5678', 'SmppSession'],
      ['warn', 'slow', 'Dispatch'],
      ['debug', 'd', undefined],
      ['trace', 'v', 'Ctx'],
      ['fatal', 'f', undefined],
    ]);
    expect(raw.join('')).not.toContain('13812345678');
  });

  it('writes Nest start-up chatter at debug, so info shows only what matters', () => {
    const { nest, raw, lines } = capture();
    nest.log('Starting Nest application...', 'NestFactory');
    nest.log('DispatchModule dependencies initialized', 'InstanceLoader');
    nest.log('MessagesController {/v1/messages}:', 'RoutesResolver');
    nest.log('Mapped {/v1/messages/13812345678, GET} route', 'RouterExplorer');
    nest.log('Nest application successfully started', 'NestApplication');
    nest.log('Nest microservice successfully started', 'NestMicroservice');
    nest.warn('Mapped twice', 'RouterExplorer');
    nest.log('outbox started', 'DispatchOutbox');
    expect(lines().map((l) => [l.level, l.context])).toEqual([
      ['debug', 'NestFactory'],
      ['debug', 'InstanceLoader'],
      ['debug', 'RoutesResolver'],
      ['debug', 'RouterExplorer'],
      ['debug', 'NestApplication'],
      ['debug', 'NestMicroservice'],
      ['warn', 'RouterExplorer'],
      ['info', 'DispatchOutbox'],
    ]);
    expect(raw.join('')).not.toContain('13812345678');
  });

  it('hides the start-up chatter at the default level', () => {
    const raw: string[] = [];
    const nest = new PinoNestLogger(createLogger({ name: 'nest', level: 'info', format: 'json', destination: { write: (line: string) => raw.push(line) } }));
    nest.log('Mapped {/v1/messages, POST} route', 'RouterExplorer');
    nest.log('Nest application successfully started', 'NestApplication');
    nest.log('ready', 'Bootstrap');
    expect(raw.map((line) => JSON.parse(line).msg)).toEqual(['ready']);
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
