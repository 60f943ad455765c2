// The simulators stand in for the operators here; a test-only reach across the app boundary.
import * as net from 'node:net';
import { startCmppSimulator, startSmppSimulator } from '@sms/carrier-simulator';
import { CmppSession, CmppSessionClosedError } from '../cmpp/cmpp-session';
import { SmppSession, SmppSessionClosedError } from '../smpp/smpp-session';

// What WindowedSession does that neither session's own spec reaches, run through both protocols over real sockets.

type Session = SmppSession | CmppSession;

interface Protocol {
  name: string;
  session(port: number, options: { responseTimeoutMs: number }): Session;
  /** A peer that answers the first submit, then goes silent (nothing read or answered). */
  hangingPeer(): Promise<{ port: number; logins(): number; close(): Promise<void> }>;
  closedError: typeof SmppSessionClosedError | typeof CmppSessionClosedError;
  loginAnswer: string;
  peer: string;
  up: string;
}

const PROTOCOLS: Protocol[] = [
  {
    name: 'SMPP',
    session: (port, options) => new SmppSession({ host: '127.0.0.1', port, systemId: 'acme', password: 'secret', reconnectBackoffMs: [10, 50], ...options }),
    async hangingPeer() {
      const sim = await startSmppSimulator({ port: 0, hangAfter: 1 });
      return { port: sim.port, logins: () => sim.stats().binds, close: () => sim.close() };
    },
    closedError: SmppSessionClosedError,
    loginAnswer: 'bind answer',
    peer: 'SMSC',
    up: 'bound',
  },
  {
    name: 'CMPP',
    session: (port, options) => new CmppSession({ host: '127.0.0.1', port, spId: '901234', sharedSecret: 'secret', reconnectBackoffMs: [10, 50], ...options }),
    async hangingPeer() {
      const sim = await startCmppSimulator({ port: 0, hangAfter: 1 });
      return { port: sim.port, logins: () => sim.stats().connects, close: () => sim.close() };
    },
    closedError: CmppSessionClosedError,
    loginAnswer: 'CONNECT_RESP',
    peer: 'ISMG',
    up: 'connected',
  },
];

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A TCP server that accepts and never says a word. */
async function silentPeer(): Promise<{ port: number; connections: () => number }> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port, connections: () => connections };
}

function track(session: Session): Session {
  cleanups.push(() => session.close());
  return session;
}

describe.each(PROTOCOLS)('WindowedSession over $name', (protocol) => {
  it('drops a connection whose login is never answered, connects again, and rejects start() when closed before up', async () => {
    const peer = await silentPeer();
    const s = track(protocol.session(peer.port, { responseTimeoutMs: 80 }));
    const reasons: string[] = [];
    const twoAttempts = new Promise<void>((resolve) =>
      s.on('reconnecting', ({ reason }: { reason: string }) => {
        if (reasons.push(reason) === 2) resolve();
      }),
    );
    const started = s.start().then(
      () => undefined,
      (error: Error) => error,
    );

    await twoAttempts;
    expect(reasons).toEqual([`no ${protocol.loginAnswer} within 80 ms`, `no ${protocol.loginAnswer} within 80 ms`]);
    expect(peer.connections()).toBe(2);
    expect(s.isUp).toBe(false);

    await s.close();
    const error = await started;
    expect(error).toBeInstanceOf(protocol.closedError);
    expect(error?.message).toBe(`${protocol.name} session closed before it was ${protocol.up}`);
  });

  it('closing with a submit the peer never answers fails that submit with the closed error, sends it once, and does not hang', async () => {
    const peer = await protocol.hangingPeer();
    cleanups.push(() => peer.close());
    const s = track(protocol.session(peer.port, { responseTimeoutMs: 200 }));
    await s.start();
    const answered = s.submit({ to: '+8613800138000', text: 'answered' });
    const unanswered = s.submit({ to: '+8613800138001', text: 'never answered' }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect((await answered).parts[0].operatorMessageId).toBeTruthy();

    const closingAt = Date.now();
    await s.close();
    // The grace for answers (200 ms here) and for the goodbye's answer (200 ms), nothing more.
    expect(Date.now() - closingAt).toBeLessThan(1_500);
    const error = await unanswered;
    expect(error).toBeInstanceOf(protocol.closedError);
    expect(error?.message).toBe(`${protocol.name} session closed before the ${protocol.peer} answered the submit`);
    // One connection: the part was not sent again on another after its answer timed out during close().
    expect(peer.logins()).toBe(1);
  });
});
