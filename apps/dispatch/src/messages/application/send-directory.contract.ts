import type { UnitOfWork } from '@sms/use-case-kit';
import type { AccountEntry, SendDirectory, SignatureEntry, TemplateEntry } from './send-directory';

/* One behavioural specification of the send directory, run by every adapter's int spec. */

export interface SendDirectoryFixture {
  repository: SendDirectory;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const account = (status: AccountEntry['status'], changedAt: string): AccountEntry => ({ accountId: 'acc-1', status, currency: 'CNY', changedAt });
const signature = (status: SignatureEntry['status'], changedAt: string, name = '阿里云'): SignatureEntry => ({ signatureId: 'sig-1', accountId: 'acc-1', name, status, changedAt });
const template = (status: TemplateEntry['status'], changedAt: string, content = '您的验证码为${code}。'): TemplateEntry => ({
  templateId: 'tpl-1',
  accountId: 'acc-1',
  name: 'otp',
  kind: 'verification',
  content,
  status,
  changedAt,
});
const ids = { accountId: 'acc-1', signatureId: 'sig-1', templateId: 'tpl-1' };

export function sendDirectoryContract(name: string, factory: () => Promise<SendDirectoryFixture>): void {
  describe(`SendDirectory contract: ${name}`, () => {
    let fixture: SendDirectoryFixture;
    let directory: SendDirectory;
    const write = (work: () => Promise<void>) => fixture.unitOfWork.transaction(work);

    beforeEach(async () => {
      fixture = await factory();
      directory = fixture.repository;
    });

    afterEach(async () => {
      await fixture?.close();
    });

    it('knows nothing it was not told', async () => {
      expect(await directory.lookup(ids)).toEqual({});
      expect(await directory.accountOf('acc-1')).toBeUndefined();
    });

    it('answers what a send is decided against, in one lookup', async () => {
      await write(async () => {
        await directory.saveAccount(account('ACTIVE', '2026-11-23T10:00:00.000Z'));
        await directory.saveSignature(signature('APPROVED', '2026-11-23T10:00:00.000Z'));
        await directory.saveTemplate(template('APPROVED', '2026-11-23T10:00:00.000Z'));
      });
      expect(await directory.lookup(ids)).toEqual({
        account: account('ACTIVE', '2026-11-23T10:00:00.000Z'),
        signature: signature('APPROVED', '2026-11-23T10:00:00.000Z'),
        template: template('APPROVED', '2026-11-23T10:00:00.000Z'),
      });
      expect(await directory.lookup({ ...ids, templateId: 'other' })).not.toHaveProperty('template');
      expect(await directory.accountOf('acc-1')).toEqual(account('ACTIVE', '2026-11-23T10:00:00.000Z'));
    });

    it('keeps the newest change: one arriving late changes nothing', async () => {
      await write(async () => {
        await directory.saveAccount(account('FROZEN', '2026-11-23T11:00:00.000Z'));
        await directory.saveAccount(account('ACTIVE', '2026-11-23T10:00:00.000Z'));
        await directory.saveSignature(signature('APPROVED', '2026-11-23T10:00:00.000Z'));
        await directory.saveSignature(signature('REVOKED', '2026-11-23T12:00:00.000Z', '阿里云2'));
        await directory.saveTemplate(template('APPROVED', '2026-11-23T12:00:00.000Z', 'new'));
        await directory.saveTemplate(template('PENDING_REVIEW', '2026-11-23T10:00:00.000Z', 'old'));
      });
      const found = await directory.lookup(ids);
      expect(found.account?.status).toBe('FROZEN');
      expect(found.signature).toMatchObject({ status: 'REVOKED', name: '阿里云2' });
      expect(found.template).toMatchObject({ status: 'APPROVED', content: 'new' });
    });
  });
}
