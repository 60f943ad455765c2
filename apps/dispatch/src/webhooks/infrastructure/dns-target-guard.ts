import { DomainError } from '@sms/service-kit';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { CheckedTarget, TargetGuard } from '../application/delivery-ports';
import { classifyAddress } from '../domain/target-address';
import { webhookTarget, webhookUrlProblem } from '../domain/webhook';

/** What the guard resolves names with (the system resolver by default; tests give their own). */
export type ResolveAll = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: ResolveAll = (host) => dnsLookup(host, { all: true, verbatim: true });

/** A name that does not answer within this is as good as unresolvable (a configuration request must not hang on it). */
const RESOLVE_TIMEOUT_MS = 5_000;

/**
 * The SSRF guard on the system resolver (ADR 0019): a host is resolved once per check, every address it resolves to
 * must be public (`classifyAddress`) unless private targets are allowed, and the request connects to exactly those
 * addresses (the poster's lookup answers with them) — so a name that resolves to a public address for the check and
 * to a private one a moment later (DNS rebinding) gains nothing. IP literals are checked as they are, unresolved.
 */
export class DnsTargetGuard implements TargetGuard {
  constructor(
    private readonly options: { allowPrivate: boolean; resolve?: ResolveAll; timeoutMs?: number },
  ) {}

  async check(url: string): Promise<CheckedTarget> {
    const problem = webhookUrlProblem(url);
    if (problem) throw new DomainError('VALIDATION_FAILED', problem);
    const target = webhookTarget(url);
    const literal = isIP(target.host);
    const resolved = literal ? [{ address: target.host, family: literal }] : await this.resolve(target.host);
    const addresses = resolved.filter((a): a is { address: string; family: 4 | 6 } => a.family === 4 || a.family === 6);
    if (addresses.length === 0) throw unresolvable(target.host);
    if (!this.options.allowPrivate) {
      for (const { address } of addresses) {
        const kind = classifyAddress(address);
        // The class, never the address: a customer must not learn how our network resolves names.
        if (kind !== 'public') throw new DomainError('WEBHOOK_TARGET_FORBIDDEN', `${target.host} is or resolves to a ${kind} address; webhooks reach public addresses only`);
      }
    }
    return { target, addresses };
  }

  private async resolve(host: string): Promise<Array<{ address: string; family: number }>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unresolvable(host)), this.options.timeoutMs ?? RESOLVE_TIMEOUT_MS);
      timer.unref();
    });
    try {
      return await Promise.race([(this.options.resolve ?? systemResolver)(host), timeout]);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw unresolvable(host);
    } finally {
      clearTimeout(timer);
    }
  }
}

const unresolvable = (host: string) => new DomainError('WEBHOOK_TARGET_UNRESOLVABLE', `${host} does not resolve to an address`);
