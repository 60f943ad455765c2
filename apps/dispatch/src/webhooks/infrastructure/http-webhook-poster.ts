import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget, WebhookPoster, WebhookRequest, WebhookResponse } from '../application/delivery-ports';

/**
 * POSTs webhooks with node:http(s): a fresh connection per attempt (no pooled socket outlives the check that allowed
 * its address), to the checked addresses only — the connection's `lookup` answers with them instead of resolving the
 * name again — with TLS verified against the URL's host name, no redirects followed, and one deadline for connecting,
 * sending and the answer's status line.
 */
export class HttpWebhookPoster implements WebhookPoster {
  constructor(private readonly timeoutMs: number) {}

  post({ target, body, headers, signal }: WebhookRequest): Promise<WebhookResponse> {
    const { url } = target.target;
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<WebhookResponse>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        outcome();
      };
      const request = client.request(
        url,
        { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinnedLookup(target), agent: false },
        (response) => {
          // The status is the answer; the body is read and thrown away so the endpoint can finish cleanly.
          response.on('error', () => undefined);
          response.on('end', () => clearTimeout(timer));
          response.resume();
          finish(() => resolve({ status: response.statusCode ?? 0 }));
        },
      );
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      timer.unref();
      request.on('error', (error) => {
        clearTimeout(timer);
        finish(() => reject(error));
      });
      request.on('close', () => clearTimeout(timer));
      if (signal?.aborted) request.destroy(new Error('aborted'));
      else signal?.addEventListener('abort', () => request.destroy(new Error('aborted')), { once: true });
      request.end(body);
    });
  }
}

/** A `lookup` that answers with the checked addresses (all of them when asked, as happy eyeballs does). */
export function pinnedLookup(target: CheckedTarget): LookupFunction {
  return ((_hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
    const opts = (typeof options === 'object' && options !== null ? options : { family: options }) as { all?: boolean; family?: number | string };
    const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : Number(opts.family) || 0;
    const candidates = family === 0 ? target.addresses : target.addresses.filter((a) => a.family === family);
    if (candidates.length === 0) {
      const error = Object.assign(new Error(`no checked ${family === 0 ? '' : `IPv${family} `}address for ${target.target.host}`), { code: 'ENOTFOUND' });
      return opts.all ? callback(error, []) : callback(error, '', 0);
    }
    if (opts.all) return callback(null, candidates.map((a) => ({ address: a.address, family: a.family })));
    return callback(null, candidates[0].address, candidates[0].family);
  }) as LookupFunction;
}
