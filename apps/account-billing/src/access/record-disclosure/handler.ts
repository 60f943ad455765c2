import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError, newId } from '@sms/service-kit';
import { CommandHandler } from '@sms/use-case-kit';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { eventCodec, jsonEventType } from '@sms/use-case-kit/core';
import { GetAccountHandler } from '../../ledger/get-account/handler';
import { type DataDisclosed, type Disclosure, DISCLOSURE_EVENT_TYPE, disclosureDecider, type DisclosureState, disclosureStream, type LegalBasis } from '../domain/disclosure';

export const disclosureCodec = eventCodec<DataDisclosed>({ typeOf: (e) => e.type, types: [jsonEventType<DataDisclosed>('DataDisclosed', DISCLOSURE_EVENT_TYPE)] });

/** Records a disclosure of an account's data (operator) and lists the account's disclosures (the account itself too). */
@Injectable()
export class DisclosureLogHandler {
  private readonly commands: CommandHandler<DataDisclosed, DisclosureState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly accounts: GetAccountHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.commands = new CommandHandler({ store, codec: disclosureCodec, evolve: disclosureDecider.evolve, initialState: disclosureDecider.initialState });
  }

  async record(accountId: string, input: { recipient: string; legalBasis: LegalBasis; scope: string; reference: string; by: string }): Promise<{ disclosure: Disclosure; created: boolean }> {
    await this.accounts.handle(accountId);
    let created = false;
    const result = await this.commands.handle(disclosureStream(accountId), (state) => {
      const decision = disclosureDecider.decide({ type: 'RecordDisclosure', disclosureId: newId(), ...input, disclosedBy: input.by, at: this.clock.now() }, state);
      created = decision.ok && decision.events.length > 0;
      return decision;
    });
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    return { disclosure: result.state.get(input.reference) as Disclosure, created };
  }

  async list(accountId: string): Promise<Disclosure[]> {
    await this.accounts.handle(accountId);
    const { state } = await this.commands.load(disclosureStream(accountId));
    return [...state.values()].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  }
}
