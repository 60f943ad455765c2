import type { Provider } from '@nestjs/common';
import { BLIND_INDEX, type BlindIndex, DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { sqliteFile } from '@sms/service-kit';
import { CommandHandler } from '@sms/use-case-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { DISPATCH_CODEC, type DispatchEvent } from '../../dispatch.codec';
import { MESSAGE_READ_MODEL, SIGNATURE_EXTENSIONS } from '../../messages/application/tokens';
import type { DispatchSqlite } from '../../messages/infrastructure/dispatch-database';
import { DISPATCH_SQLITE } from '../../messages/infrastructure/providers';
import { OPT_OUT_LOOKUP } from '../../messages/application/opt-outs';
import { EXTENSION_OWNERS, INBOUND_DATABASE, INBOUND_REPOSITORY, INBOUND_STREAMS, LAST_OUTBOUND } from '../application/tokens';
import { evolveInbound, initialInboundState, type InboundStreamState } from '../domain/events';
import { type InboundSqlite, inboundSqlite } from './inbound-database';
import { InboundPipeline } from './inbound-pipeline';
import { SqliteInboundRepository } from './sqlite-inbound-repository';

const INBOUND_SQLITE = Symbol('INBOUND_SQLITE');

/** The inbound context's adapters: its own SQLite file, its streams' command handler, its outbox. */
export const INBOUND_INFRASTRUCTURE: Provider[] = [
  // Replies used to live in dispatch's file: the first start on such a data directory moves them over.
  ...sqliteFile(
    INBOUND_SQLITE,
    'dispatch-inbound.db',
    (db, dispatch: DispatchSqlite, ring: DataKeyRing, blindIndex: BlindIndex) => inboundSqlite(db, { ring, blindIndex }, dispatch.db),
    [DISPATCH_SQLITE, DATA_KEY_RING, BLIND_INDEX],
  ),
  { provide: INBOUND_DATABASE, inject: [INBOUND_SQLITE], useFactory: (sqlite: InboundSqlite) => sqlite.readModels },
  // A marketing send asks inbound's opt-outs (DOMAIN §1).
  { provide: OPT_OUT_LOOKUP, useExisting: INBOUND_REPOSITORY },
  {
    provide: INBOUND_REPOSITORY,
    inject: [INBOUND_SQLITE, DATA_KEY_RING, BLIND_INDEX],
    useFactory: (sqlite: InboundSqlite, ring: DataKeyRing, blindIndex: BlindIndex) => new SqliteInboundRepository(sqlite.db, { ring, blindIndex }),
  },
  // "Who last wrote to this number" is answered where the sends are: the message read model (see LastOutboundLookup).
  { provide: LAST_OUTBOUND, useExisting: MESSAGE_READ_MODEL },
  // "Whose extension code is this" is answered where the codes are allocated (ADR 0021).
  { provide: EXTENSION_OWNERS, useExisting: SIGNATURE_EXTENSIONS },
  {
    provide: INBOUND_STREAMS,
    inject: [EVENT_STORE, DISPATCH_CODEC],
    useFactory: (store: EventStore, codec: EventCodec<DispatchEvent>) =>
      new CommandHandler<DispatchEvent, InboundStreamState>({
        store,
        codec,
        initialState: initialInboundState,
        evolve: (state, event) => (event.type === 'InboundRouted' ? evolveInbound(state, event) : state),
      }),
  },
  InboundPipeline,
];
