import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AccountEntry, SendDirectory, SendLookup, SignatureEntry, TemplateEntry } from '../application/send-directory';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (account_id TEXT PRIMARY KEY, status TEXT NOT NULL, currency TEXT NOT NULL, changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS signatures (signature_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS templates (template_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, content TEXT NOT NULL, status TEXT NOT NULL, changed_at TEXT NOT NULL);
`;

/** The send directory in dispatch's SQLite file: an upsert per change that keeps the newest `changedAt`. */
export class SqliteSendDirectory implements SendDirectory {
  private readonly upsertAccount: StatementSync;
  private readonly upsertSignature: StatementSync;
  private readonly upsertTemplate: StatementSync;
  private readonly account: StatementSync;
  private readonly signature: StatementSync;
  private readonly template: StatementSync;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.upsertAccount = db.prepare(
      `INSERT INTO accounts (account_id, status, currency, changed_at) VALUES (?,?,?,?)
       ON CONFLICT (account_id) DO UPDATE SET status = excluded.status, currency = excluded.currency, changed_at = excluded.changed_at
       WHERE excluded.changed_at >= accounts.changed_at`,
    );
    this.upsertSignature = db.prepare(
      `INSERT INTO signatures (signature_id, account_id, name, status, changed_at) VALUES (?,?,?,?,?)
       ON CONFLICT (signature_id) DO UPDATE SET name = excluded.name, status = excluded.status, changed_at = excluded.changed_at
       WHERE excluded.changed_at >= signatures.changed_at`,
    );
    this.upsertTemplate = db.prepare(
      `INSERT INTO templates (template_id, account_id, name, kind, content, status, changed_at) VALUES (?,?,?,?,?,?,?)
       ON CONFLICT (template_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, content = excluded.content,
       status = excluded.status, changed_at = excluded.changed_at WHERE excluded.changed_at >= templates.changed_at`,
    );
    this.account = db.prepare('SELECT account_id AS accountId, status, currency, changed_at AS changedAt FROM accounts WHERE account_id = ?');
    this.signature = db.prepare('SELECT signature_id AS signatureId, account_id AS accountId, name, status, changed_at AS changedAt FROM signatures WHERE signature_id = ?');
    this.template = db.prepare(
      'SELECT template_id AS templateId, account_id AS accountId, name, kind, content, status, changed_at AS changedAt FROM templates WHERE template_id = ?',
    );
  }

  async saveAccount(a: AccountEntry): Promise<void> {
    this.upsertAccount.run(a.accountId, a.status, a.currency, a.changedAt);
  }

  async saveSignature(s: SignatureEntry): Promise<void> {
    this.upsertSignature.run(s.signatureId, s.accountId, s.name, s.status, s.changedAt);
  }

  async saveTemplate(t: TemplateEntry): Promise<void> {
    this.upsertTemplate.run(t.templateId, t.accountId, t.name, t.kind, t.content, t.status, t.changedAt);
  }

  async accountOf(accountId: string): Promise<AccountEntry | undefined> {
    const account = this.account.get(accountId) as AccountEntry | undefined;
    return account && { ...account };
  }

  async lookup(ids: { accountId: string; signatureId: string; templateId: string }): Promise<SendLookup> {
    const account = this.account.get(ids.accountId) as AccountEntry | undefined;
    const signature = this.signature.get(ids.signatureId) as SignatureEntry | undefined;
    const template = this.template.get(ids.templateId) as TemplateEntry | undefined;
    return { ...(account ? { account: { ...account } } : {}), ...(signature ? { signature: { ...signature } } : {}), ...(template ? { template: { ...template } } : {}) };
  }
}
