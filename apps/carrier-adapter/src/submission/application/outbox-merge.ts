import type { OutboxEntry } from './carrier-state.port';

/** An outbox row as the adapters keep it: the items as a JSON array, and whether the relay has been given it yet. */
export interface OutboxRow {
  seq: number;
  kind: OutboxEntry['kind'];
  channelId: string;
  payload: string;
  handedOut: boolean;
}

/** A run of rows that becomes one: its last row keeps the merged payload, the others go. */
export interface OutboxMerge {
  keep: number;
  drop: number[];
  payload: string;
}

/** Merged payloads stay well under a Kafka record's default limit (1 MB), even for three-octet characters. */
export const MAX_MERGED_PAYLOAD = 256 * 1024;

/**
 * The outbox entries to hand the relay, with the rows of one kind and channel merged when none of them was handed
 * out before. Under load the relay finds dozens of small rows waiting (each flush of the sessions writes a
 * submission row and a delivery row); as one event each they cost dispatch and billing a commit, an append and a bus
 * hop per hundred messages. Merged, the same outcomes travel in a few large events. Order holds within a kind and
 * channel (items in recording order, the merged row at the seq of its last row); across kinds it may change, as it
 * may between Kafka topics anyway. A row once handed out is never merged again: its events may be on the bus already
 * (a crash before `published`), and a republish must repeat them exactly — same ids, same items — for consumers to
 * recognise the duplicate. Handed-out rows are always the oldest: the relay is handed everything it reads.
 */
export function planOutboxMerge(rows: readonly OutboxRow[], maxPayload = MAX_MERGED_PAYLOAD): { entries: OutboxEntry[]; merges: OutboxMerge[] } {
  const groups: OutboxRow[][] = [];
  const open = new Map<string, { rows: OutboxRow[]; length: number }>();
  for (const row of rows) {
    if (row.handedOut) {
      groups.push([row]);
      continue;
    }
    const key = `${row.kind}\u0000${row.channelId}`;
    let group = open.get(key);
    if (group && group.length + row.payload.length > maxPayload) {
      groups.push(group.rows);
      group = undefined;
    }
    if (!group) open.set(key, (group = { rows: [], length: 0 }));
    group.rows.push(row);
    group.length += row.payload.length;
  }
  for (const group of open.values()) groups.push(group.rows);

  const entries: OutboxEntry[] = [];
  const merges: OutboxMerge[] = [];
  for (const group of groups) {
    const last = group[group.length - 1];
    // Payloads are JSON arrays of at least one item: their contents join with a comma.
    const payload = group.length === 1 ? last.payload : `[${group.map((row) => row.payload.slice(1, -1)).join(',')}]`;
    if (group.length > 1) merges.push({ keep: last.seq, drop: group.slice(0, -1).map((row) => row.seq), payload });
    entries.push({ seq: last.seq, kind: last.kind, channelId: last.channelId, items: JSON.parse(payload) } as OutboxEntry);
  }
  entries.sort((a, b) => a.seq - b.seq);
  return { entries, merges };
}
