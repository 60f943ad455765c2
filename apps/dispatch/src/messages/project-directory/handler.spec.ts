import { ACCOUNT_STATUS_CHANGED_V1, SIGNATURE_STATUS_CHANGED_V1, TEMPLATE_STATUS_CHANGED_V1 } from '@sms/contracts';
import { consumed, InMemoryReadModelDatabase } from '../../test-support';
import type { SendDirectory } from '../application/send-directory';
import { ProjectDirectoryHandler } from './handler';

describe('ProjectDirectoryHandler', () => {
  it('saves what each event says, once per event id, leaving out fields the directory does not keep', async () => {
    const saved: unknown[] = [];
    const directory: SendDirectory = {
      saveAccount: async (a) => void saved.push(a),
      saveSignature: async (s) => void saved.push(s),
      saveTemplate: async (t) => void saved.push(t),
      lookup: async () => ({}),
      accountOf: async () => undefined,
    };
    const allocated: unknown[] = [];
    const handler = new ProjectDirectoryHandler(new InMemoryReadModelDatabase(), directory, { allocate: async (s) => (allocated.push(s), '1000') });
    const changedAt = '2026-11-23T10:00:00.000Z';
    const account = consumed(ACCOUNT_STATUS_CHANGED_V1, { accountId: 'acc-1', status: 'ACTIVE', currency: 'CNY', reason: 'opened', changedAt }, 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0011');
    await handler.handle(account);
    await handler.handle(account);
    await handler.handle(consumed(SIGNATURE_STATUS_CHANGED_V1, { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', status: 'APPROVED', changedAt }, 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0012'));
    await handler.handle(
      consumed(TEMPLATE_STATUS_CHANGED_V1, { templateId: 'tpl-1', accountId: 'acc-1', name: 'otp', kind: 'verification', content: 'x', status: 'APPROVED', changedAt }, 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0013'),
    );
    await handler.handle(consumed('sms.something-else.v1', {}, 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0014'));
    expect(saved).toEqual([
      { accountId: 'acc-1', status: 'ACTIVE', currency: 'CNY', changedAt },
      { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', status: 'APPROVED', changedAt },
      { templateId: 'tpl-1', accountId: 'acc-1', name: 'otp', kind: 'verification', content: 'x', status: 'APPROVED', changedAt },
    ]);
    expect(allocated).toEqual([{ signatureId: 'sig-1', accountId: 'acc-1', at: changedAt }]);
  });

  it('gives a signature its extension code when it is approved, not while it waits, is rejected or revoked, and in the unit of its event', async () => {
    const directory: SendDirectory = { saveAccount: async () => undefined, saveSignature: async () => undefined, saveTemplate: async () => undefined, lookup: async () => ({}), accountOf: async () => undefined };
    const allocated: string[] = [];
    const db = new InMemoryReadModelDatabase();
    const handler = new ProjectDirectoryHandler(db, directory, {
      allocate: async (s) => {
        if (s.signatureId === 'sig-boom') throw new Error('disk full');
        allocated.push(s.signatureId);
        return '1000';
      },
    });
    const signature = (signatureId: string, status: string, id: string) =>
      consumed(SIGNATURE_STATUS_CHANGED_V1, { signatureId, accountId: 'acc-1', name: '阿里云', status, changedAt: '2026-11-23T10:00:00.000Z' }, id);
    await handler.handle(signature('sig-p', 'PENDING_REVIEW', 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0021'));
    await handler.handle(signature('sig-r', 'REJECTED', 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0022'));
    await handler.handle(signature('sig-a', 'APPROVED', 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0023'));
    await handler.handle(signature('sig-a', 'REVOKED', 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0024'));
    expect(allocated).toEqual(['sig-a']);
    // An allocation that fails fails the event's unit: it is not claimed, so the redelivery tries again.
    const failing = signature('sig-boom', 'APPROVED', 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0025');
    await expect(handler.handle(failing)).rejects.toThrow('disk full');
    expect(db.claims.has(`projections\u0000${failing.id}`)).toBe(false);
  });
});
