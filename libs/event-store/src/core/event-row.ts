import type { RecordedEvent } from '../event-store.port';

/** An event as the SQLite and in-memory adapters keep it: one row, data and metadata as JSON text. */
export interface EventRow {
  position: bigint;
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  data: string;
  metadata: string;
  /** Epoch milliseconds (SQLite reads it back as a bigint). */
  created: bigint | number;
}

/** Parses the JSON on every read, so readers get fresh objects and never share what is stored. */
export function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    streamName: row.stream,
    revision: row.revision,
    position: row.position,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    created: new Date(Number(row.created)),
  };
}
