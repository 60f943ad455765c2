import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { HeldMessageStore, HeldMessageWithText } from './held-messages';

/*
 * One behavioural specification of the held messages' store (ADR 0036), run by every adapter's int spec (SQLite now).
 * Only the port is used, so the suite cannot lean on SQL.
 */

export interface HeldMessageStoreFixture {
  store: HeldMessageStore;
  /** Destroys the account's data key (erasure). */
  destroyKey(accountId: string): void;
  close(): Promise<void>;
}

const held = (messageId: string, heldAt: string, accountId = 'a1', text = `text of ${messageId}`): HeldMessageWithText => ({
  messageId,
  batchId: 'b1',
  accountId,
  kind: 'notification',
  category: 'fraud',
  terms: ['加微信'],
  segments: 3,
  countryCode: 'CN',
  operator: 'CMCC',
  heldAt,
  text,
});
const withoutText = ({ text: _text, ...rest }: HeldMessageWithText) => rest;

export function heldMessageStoreContract(name: string, make: () => Promise<HeldMessageStoreFixture>): void {
  describe(`HeldMessageStore contract (${name})`, () => {
    let fixture: HeldMessageStoreFixture;

    beforeEach(async () => {
      fixture = await make();
    });

    afterEach(async () => {
      await fixture.close();
    });

    it('records a held message once: a second record of the same id changes nothing', async () => {
      await fixture.store.record([held('m1', '2026-03-01T08:00:00.000Z')]);
      await fixture.store.record([held('m1', '2026-03-02T08:00:00.000Z', 'a1', 'another text'), held('m2', '2026-03-01T08:00:01.000Z')]);
      expect(await fixture.store.find('m1')).toEqual(withoutText(held('m1', '2026-03-01T08:00:00.000Z')));
      expect(await fixture.store.find('nope')).toBeUndefined();
      expect(await fixture.store.pending({ limit: 10 })).toEqual([held('m1', '2026-03-01T08:00:00.000Z'), held('m2', '2026-03-01T08:00:01.000Z')]);
    });

    it('lists the undecided ones oldest first, then by id, strictly after a key', async () => {
      await fixture.store.record([held('c', '2026-03-01T08:00:01.000Z'), held('b', '2026-03-01T08:00:01.000Z'), held('a', '2026-03-01T08:00:02.000Z')]);
      expect((await fixture.store.pending({ limit: 2 })).map((m) => m.messageId)).toEqual(['b', 'c']);
      expect((await fixture.store.pending({ after: { heldAt: '2026-03-01T08:00:01.000Z', messageId: 'b' }, limit: 5 })).map((m) => m.messageId)).toEqual(['c', 'a']);
      await fixture.store.decided('c', '2026-03-01T09:00:00.000Z');
      await fixture.store.decided('c', '2026-03-01T10:00:00.000Z');
      expect((await fixture.store.pending({ limit: 5 })).map((m) => m.messageId)).toEqual(['b', 'a']);
      // A decided message is still found (the decider needs it to answer ALREADY_DECIDED rather than 404).
      expect(await fixture.store.find('c')).toMatchObject({ messageId: 'c' });
    });

    it("reads the text [destroyed] once the account's key is destroyed, the rest kept; records after that keep no text", async () => {
      await fixture.store.record([held('m1', '2026-03-01T08:00:00.000Z', 'erased'), held('m2', '2026-03-01T08:00:01.000Z', 'kept')]);
      fixture.destroyKey('erased');
      await fixture.store.record([held('m3', '2026-03-01T08:00:02.000Z', 'erased')]);
      const listed = await fixture.store.pending({ limit: 5 });
      expect(listed.map((m) => [m.messageId, m.text])).toEqual([
        ['m1', PERSONAL_DATA_DESTROYED],
        ['m2', 'text of m2'],
        ['m3', PERSONAL_DATA_DESTROYED],
      ]);
      expect(listed[0]).toMatchObject({ accountId: 'erased', category: 'fraud', segments: 3 });
    });
  });
}
