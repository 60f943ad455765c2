import type { UnitOfWork } from '@sms/use-case-kit';
import type { SignatureExtensions } from './signature-extensions';

/* One behavioural specification of the extension codes, run by every adapter's int spec. */

export interface SignatureExtensionsFixture {
  extensions: SignatureExtensions;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const at = '2026-11-23T10:00:00.000Z';
const signature = (signatureId: string, accountId = 'acc-1') => ({ signatureId, accountId, at });

export function signatureExtensionsContract(name: string, factory: () => Promise<SignatureExtensionsFixture>): void {
  describe(`SignatureExtensions contract: ${name}`, () => {
    let fixture: SignatureExtensionsFixture;
    let extensions: SignatureExtensions;
    const write = <T>(work: () => Promise<T>) => fixture.unitOfWork.transaction(work);

    beforeEach(async () => {
      fixture = await factory();
      extensions = fixture.extensions;
    });

    afterEach(async () => {
      await fixture?.close();
    });

    it('gives each signature the next code, once: asking again answers the same code', async () => {
      expect(await write(() => extensions.allocate(signature('sig-1')))).toBe('1000');
      expect(await write(() => extensions.allocate(signature('sig-2', 'acc-2')))).toBe('1001');
      expect(await write(() => extensions.allocate(signature('sig-1')))).toBe('1000');
      expect(await write(() => extensions.allocate(signature('sig-3')))).toBe('1002');
      expect(await extensions.extensionOf('sig-2')).toBe('1001');
      expect(await extensions.extensionOf('sig-9')).toBeUndefined();
      expect(await extensions.extensionsOf(['sig-1', 'sig-3', 'sig-9', 'sig-1'])).toEqual(
        new Map([
          ['sig-1', '1000'],
          ['sig-3', '1002'],
        ]),
      );
      expect(await extensions.extensionsOf([])).toEqual(new Map());
    });

    it('tells whose a code is, exactly', async () => {
      await write(async () => {
        await extensions.allocate(signature('sig-1'));
        await extensions.allocate(signature('sig-2', 'acc-2'));
      });
      expect(await extensions.ownerOf('1001')).toEqual({ signatureId: 'sig-2', accountId: 'acc-2', extension: '1001' });
      for (const other of ['1002', '100', '01001', '10010', '']) expect(await extensions.ownerOf(other)).toBeUndefined();
    });

    it("retires an erased account's codes: they route nothing more, keep their signature's code, and are never handed out again", async () => {
      await write(async () => {
        await extensions.allocate(signature('sig-1'));
        await extensions.allocate(signature('sig-2'));
        await extensions.allocate(signature('sig-3', 'acc-2'));
      });
      expect(await write(() => extensions.retire('acc-1'))).toBe(2);
      expect(await write(() => extensions.retire('acc-1'))).toBe(0);
      expect(await extensions.ownerOf('1000')).toBeUndefined();
      expect(await extensions.ownerOf('1001')).toBeUndefined();
      expect(await extensions.ownerOf('1002')).toMatchObject({ accountId: 'acc-2' });
      expect(await extensions.extensionOf('sig-1')).toBe('1000');
      expect(await write(() => extensions.allocate(signature('sig-4', 'acc-3')))).toBe('1003');
    });

    it('a unit of work that fails takes its allocation back with it', async () => {
      await expect(
        write(async () => {
          await extensions.allocate(signature('sig-1'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await extensions.extensionOf('sig-1')).toBeUndefined();
      expect(await write(() => extensions.allocate(signature('sig-2')))).toBe('1000');
    });
  });
}
