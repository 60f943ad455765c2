import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import type { ComplaintRecord, ComplaintRepository } from '../application/complaints';
import { COMPLAINT_REPOSITORY } from '../application/tokens';

export const DEFAULT_COMPLAINT_PAGE = 100;

export interface ComplaintPage {
  items: ComplaintRecord[];
  nextCursor?: string;
}

/** An account's complaints, newest first, a page at a time (keyset cursor on receivedAt, complaintId). */
@Injectable()
export class ListComplaintsHandler {
  constructor(@Inject(COMPLAINT_REPOSITORY) private readonly complaints: ComplaintRepository) {}

  async handle(query: { accountId: string; cursor?: string; limit?: number }): Promise<ComplaintPage> {
    const after = query.cursor !== undefined ? decodeComplaintCursor(query.cursor) : undefined;
    if (query.cursor !== undefined && !after) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API returned');
    const limit = query.limit ?? DEFAULT_COMPLAINT_PAGE;
    const items = await this.complaints.list({ accountId: query.accountId, ...(after ? { after } : {}), limit });
    const last = items[items.length - 1];
    return { items, ...(items.length === limit && last ? { nextCursor: Buffer.from(JSON.stringify([last.receivedAt, last.complaintId])).toString('base64url') } : {}) };
  }
}

function decodeComplaintCursor(cursor: string): [string, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' ? [value[0], value[1]] : undefined;
  } catch {
    return undefined;
  }
}
