import type { AddressInfo, Server } from 'node:net';

/** Starts listening; resolves with the port (the one picked when `port` is 0), rejects if the port cannot be had. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
