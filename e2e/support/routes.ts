/**
 * Every REST route and gRPC method, who may call it, and how to call it on tenant A's resources — the table the
 * access suite (no credential, wrong role, another tenant) and the fuzz suite walk. A route or method the platform
 * serves without an entry here fails the access suite, so a new one cannot ship without its access being tested.
 */

export type Role = 'operator' | 'reviewer' | 'customer';

/** What the suites set up before walking the table; ids belong to tenant A unless named otherwise. */
export interface Fixture {
  accountId: string;
  /** An account the table may suspend or otherwise disturb. */
  spareAccountId: string;
  signatureId: string;
  templateId: string;
  /** A template of A still waiting for a reviewer. */
  pendingTemplateId: string;
  pendingSignatureId: string;
  messageId: string;
  /** A key of A the table may revoke. */
  spareKeyId: string;
  /** A staff key the table may revoke. */
  spareStaffKeyId: string;
}

export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** As in the OpenAPI document, e.g. `/v1/accounts/{accountId}`. */
  path: string;
  /** Exactly the x-roles of the operation; `public` needs no credential. */
  roles: Array<Role | 'public'>;
  /** The concrete request on tenant A's resources (or the spare ones). */
  request(f: Fixture): { path: string; body?: unknown };
  /** Names one account's resource: another tenant's customer key must get 404 with this code. */
  foreignCode?: string;
}

const account = (f: Fixture) => `/v1/accounts/${f.accountId}`;

export const REST_ROUTES: RestRoute[] = [
  { method: 'GET', path: '/v1/prices', roles: ['public'], request: () => ({ path: '/v1/prices' }) },
  // Price changes (ADR 0024). The table's change takes effect inside the notice period: an allowed role is answered 422
  // NOTICE_PERIOD_NOT_MET and no version is published (one would notify every account); no fuzzed body can be valid,
  // since making it so would need a time at least 30 days ahead in effectiveAt.
  {
    method: 'POST',
    path: '/v1/price-changes',
    roles: ['operator'],
    request: () => ({ path: '/v1/price-changes', body: { effectiveAt: '2001-01-01T00:00:00Z', prices: [{ kind: 'notification', country: 'CN', unitPrice: '0.0450' }] } }),
  },
  { method: 'GET', path: '/v1/price-changes', roles: ['operator', 'reviewer', 'customer'], request: () => ({ path: '/v1/price-changes?limit=5' }) },
  { method: 'POST', path: '/v1/accounts', roles: ['operator'], request: () => ({ path: '/v1/accounts', body: { name: 'Table Co', contactEmail: 'table@example.com' } }) },
  { method: 'GET', path: '/v1/accounts/{accountId}', roles: ['operator', 'reviewer', 'customer'], request: (f) => ({ path: account(f) }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'POST', path: '/v1/accounts/{accountId}/deposits', roles: ['operator'], request: (f) => ({ path: `${account(f)}/deposits`, body: { amount: '0.01', reference: 'table-deposit' } }) },
  { method: 'GET', path: '/v1/accounts/{accountId}/ledger', roles: ['operator', 'customer'], request: (f) => ({ path: `${account(f)}/ledger` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  // Reconciliation (ADR 0026). A statement is text/csv: the table's JSON body is answered 415 UNSUPPORTED_MEDIA_TYPE by the
  // operator and stores nothing (valid statements: e2e/reconciliation.e2e.spec.ts).
  { method: 'GET', path: '/v1/accounts/{accountId}/reconciliation', roles: ['operator', 'customer'], request: (f) => ({ path: `${account(f)}/reconciliation` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'POST', path: '/v1/accounts/{accountId}/statements', roles: ['operator'], request: (f) => ({ path: `${account(f)}/statements`, body: { csv: 'period_start,period_end,segments' } }) },
  { method: 'GET', path: '/v1/accounts/{accountId}/notifications', roles: ['operator', 'customer'], request: (f) => ({ path: `${account(f)}/notifications?limit=5` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  {
    method: 'POST',
    path: '/v1/accounts/{accountId}/adjustments',
    roles: ['operator'],
    request: (f) => ({ path: `${account(f)}/adjustments`, body: { amount: '0.01', reason: 'access table', reference: 'table-adjustment' } }),
  },
  {
    method: 'POST',
    path: '/v1/accounts/{accountId}/service-credits',
    roles: ['operator'],
    request: (f) => ({ path: `${account(f)}/service-credits`, body: { messageIds: [f.messageId], amount: '0.0001', reason: 'access table', reference: 'table-credit' } }),
  },
  { method: 'PUT', path: '/v1/accounts/{accountId}/alerts', roles: ['operator', 'customer'], request: (f) => ({ path: `${account(f)}/alerts`, body: { lowBalance: '1.00' } }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  {
    method: 'POST',
    path: '/v1/accounts/{accountId}/terms-acceptances',
    roles: ['operator', 'customer'],
    request: (f) => ({ path: `${account(f)}/terms-acceptances`, body: { method: 'click' } }),
    foreignCode: 'ACCOUNT_NOT_FOUND',
  },
  // An account that does not exist: terminating a real one would end the others' rows on it (a terminated account takes nothing).
  { method: 'POST', path: '/v1/accounts/{accountId}/termination', roles: ['operator'], request: () => ({ path: '/v1/accounts/no-such-account/termination', body: { reason: 'access table', basis: 'notice' } }) },
  {
    method: 'POST',
    path: '/v1/accounts/{accountId}/suspension',
    roles: ['operator', 'reviewer'],
    request: (f) => ({ path: `/v1/accounts/${f.spareAccountId}/suspension`, body: { reason: 'access table' } }),
  },
  {
    method: 'DELETE',
    path: '/v1/accounts/{accountId}/suspension',
    roles: ['operator'],
    request: (f) => ({ path: `/v1/accounts/${f.spareAccountId}/suspension`, body: { reason: 'access table' } }),
  },
  {
    method: 'PUT',
    path: '/v1/accounts/{accountId}/retention',
    roles: ['operator'],
    request: (f) => ({ path: `/v1/accounts/${f.spareAccountId}/retention`, body: { days: 365, reason: 'access table' } }),
  },
  // On the spare account only: while it is suspended, a valid call erases its data for good (ADR 0017).
  {
    method: 'POST',
    path: '/v1/accounts/{accountId}/erasure',
    roles: ['operator'],
    request: (f) => ({ path: `/v1/accounts/${f.spareAccountId}/erasure`, body: { reason: 'access table' } }),
  },
  { method: 'POST', path: '/v1/accounts/{accountId}/api-keys', roles: ['operator', 'customer'], request: (f) => ({ path: `${account(f)}/api-keys`, body: { label: 'table' } }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'GET', path: '/v1/accounts/{accountId}/api-keys', roles: ['operator', 'customer'], request: (f) => ({ path: `${account(f)}/api-keys` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  {
    method: 'DELETE',
    path: '/v1/accounts/{accountId}/api-keys/{keyId}',
    roles: ['operator', 'customer'],
    request: (f) => ({ path: `${account(f)}/api-keys/${f.spareKeyId}` }),
    foreignCode: 'ACCOUNT_NOT_FOUND',
  },
  {
    method: 'POST',
    path: '/v1/accounts/{accountId}/disclosures',
    roles: ['operator'],
    request: (f) => ({ path: `${account(f)}/disclosures`, body: { recipient: 'Table Authority', legalBasis: 'legal-request', scope: 'delivery records', reference: 'TBL-1' } }),
  },
  { method: 'GET', path: '/v1/accounts/{accountId}/disclosures', roles: ['operator', 'customer'], request: (f) => ({ path: `${account(f)}/disclosures` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'GET', path: '/v1/accounts/{accountId}/export', roles: ['operator', 'customer'], request: (f) => ({ path: `${account(f)}/export` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'POST', path: '/v1/staff-keys', roles: ['operator'], request: () => ({ path: '/v1/staff-keys', body: { role: 'reviewer', label: 'table' } }) },
  { method: 'GET', path: '/v1/staff-keys', roles: ['operator'], request: () => ({ path: '/v1/staff-keys' }) },
  { method: 'DELETE', path: '/v1/staff-keys/{keyId}', roles: ['operator'], request: (f) => ({ path: `/v1/staff-keys/${f.spareStaffKeyId}` }) },
  { method: 'GET', path: '/v1/audit-log', roles: ['operator'], request: () => ({ path: '/v1/audit-log?limit=5' }) },
  {
    method: 'POST',
    path: '/v1/signatures',
    roles: ['customer', 'operator'],
    request: (f) => ({ path: '/v1/signatures', body: { accountId: f.accountId, name: '表格', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'T-1' }] } }),
    foreignCode: 'ACCOUNT_NOT_FOUND',
  },
  { method: 'GET', path: '/v1/signatures/{signatureId}', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ path: `/v1/signatures/${f.signatureId}` }), foreignCode: 'SIGNATURE_NOT_FOUND' },
  { method: 'POST', path: '/v1/signatures/{signatureId}/decision', roles: ['reviewer'], request: (f) => ({ path: `/v1/signatures/${f.pendingSignatureId}/decision`, body: { approve: true } }) },
  {
    method: 'POST',
    path: '/v1/templates',
    roles: ['customer', 'operator'],
    request: (f) => ({ path: '/v1/templates', body: { accountId: f.accountId, name: 'table', kind: 'notification', content: '您的订单${order}已发货' } }),
    foreignCode: 'ACCOUNT_NOT_FOUND',
  },
  { method: 'GET', path: '/v1/templates/{templateId}', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ path: `/v1/templates/${f.templateId}` }), foreignCode: 'TEMPLATE_NOT_FOUND' },
  { method: 'POST', path: '/v1/templates/{templateId}/decision', roles: ['reviewer'], request: (f) => ({ path: `/v1/templates/${f.pendingTemplateId}/decision`, body: { approve: true } }) },
  { method: 'GET', path: '/v1/review-queue', roles: ['reviewer'], request: () => ({ path: '/v1/review-queue' }) },
  // Held messages (ADR 0036): the fixture's message was never held, so the reviewer's decision is answered 404 MESSAGE_NOT_FOUND.
  { method: 'POST', path: '/v1/messages/{messageId}/review-decision', roles: ['reviewer'], request: (f) => ({ path: `/v1/messages/${f.messageId}/review-decision`, body: { release: false, reason: 'access check' } }) },
  { method: 'GET', path: '/v1/signatures', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ path: `/v1/signatures?accountId=${f.accountId}` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'GET', path: '/v1/templates', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ path: `/v1/templates?accountId=${f.accountId}` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  // A pending one: the reviewer's call answers 422 *_NOT_APPROVED and leaves the fixture's approved ones usable.
  { method: 'POST', path: '/v1/signatures/{signatureId}/revocation', roles: ['reviewer'], request: (f) => ({ path: `/v1/signatures/${f.pendingSignatureId}/revocation`, body: { reason: 'access check' } }) },
  { method: 'POST', path: '/v1/templates/{templateId}/revocation', roles: ['reviewer'], request: (f) => ({ path: `/v1/templates/${f.pendingTemplateId}/revocation`, body: { reason: 'access check' } }) },
  // Violations (ADR 0034): recording one suspends the spare account for breach; the resolution names no violation (404).
  { method: 'POST', path: '/v1/violations', roles: ['reviewer'], request: (f) => ({ path: '/v1/violations', body: { accountId: f.spareAccountId, category: 'other', evidence: 'access table' } }) },
  { method: 'GET', path: '/v1/violations', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ path: `/v1/violations?accountId=${f.accountId}` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  {
    method: 'POST',
    path: '/v1/violations/{violationId}/resolution',
    roles: ['reviewer', 'operator'],
    request: () => ({ path: '/v1/violations/00000000-0000-4000-8000-00000000a11c/resolution', body: { outcome: 'reinstate', reason: 'access table' } }),
  },
  // Complaints (ADR 0034): a complaint about the spare account (below COMPLAINT_MIN_COUNT, so no suspension of its own).
  { method: 'POST', path: '/v1/complaints', roles: ['operator', 'reviewer'], request: (f) => ({ path: '/v1/complaints', body: { accountId: f.spareAccountId, phoneNumber: '13812345678', reason: 'access table' } }) },
  { method: 'GET', path: '/v1/complaints', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ path: `/v1/complaints?accountId=${f.accountId}` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'POST', path: '/v1/screenings', roles: ['customer', 'reviewer', 'operator'], request: () => ({ path: '/v1/screenings', body: { content: '您的验证码为1234', kind: 'verification' } }) },
  { method: 'GET', path: '/v1/lexicon', roles: ['reviewer', 'operator'], request: () => ({ path: '/v1/lexicon?limit=5' }) },
  // A repeat of the same term answers 409 TERM_EXISTS (< 500, so the table holds on a second walk).
  { method: 'POST', path: '/v1/lexicon/terms', roles: ['reviewer'], request: () => ({ path: '/v1/lexicon/terms', body: { term: '表格测试词', category: 'fraud', action: 'REVIEW' } }) },
  { method: 'DELETE', path: '/v1/lexicon/terms/{termId}', roles: ['reviewer'], request: () => ({ path: '/v1/lexicon/terms/no-such-term', body: { reason: 'table' } }) },
  {
    method: 'POST',
    path: '/v1/messages',
    roles: ['customer'],
    request: (f) => ({ path: '/v1/messages', body: { accountId: f.accountId, signatureId: f.signatureId, templateId: f.templateId, params: { order: 'T-1' }, phoneNumbers: ['13800138077'] } }),
    foreignCode: 'ACCOUNT_NOT_FOUND',
  },
  { method: 'GET', path: '/v1/messages/{messageId}', roles: ['customer', 'operator', 'reviewer'], request: (f) => ({ path: `/v1/messages/${f.messageId}` }), foreignCode: 'MESSAGE_NOT_FOUND' },
  // The fixture's message was delivered: an allowed role is answered 409 MESSAGE_NOT_CANCELLABLE, and nothing changes.
  { method: 'DELETE', path: '/v1/messages/{messageId}', roles: ['customer', 'operator'], request: (f) => ({ path: `/v1/messages/${f.messageId}` }), foreignCode: 'MESSAGE_NOT_FOUND' },
  { method: 'GET', path: '/v1/messages', roles: ['customer', 'operator', 'reviewer'], request: (f) => ({ path: `/v1/messages?accountId=${f.accountId}` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'GET', path: '/v1/opt-outs', roles: ['customer', 'operator'], request: (f) => ({ path: `/v1/opt-outs?accountId=${f.accountId}` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  {
    method: 'DELETE',
    path: '/v1/opt-outs/{phoneNumber}',
    roles: ['customer', 'operator'],
    request: (f) => ({ path: `/v1/opt-outs/%2B8613800138000?accountId=${f.accountId}` }),
    foreignCode: 'ACCOUNT_NOT_FOUND',
  },
  { method: 'GET', path: '/v1/inbound-messages', roles: ['customer', 'operator'], request: (f) => ({ path: `/v1/inbound-messages?accountId=${f.accountId}` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'GET', path: '/v1/statistics', roles: ['customer', 'operator'], request: (f) => ({ path: `/v1/statistics?accountId=${f.accountId}&groupBy=status` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  // Webhooks (ADR 0019). The table platform is the embedded profile (WEBHOOK_ALLOW_PRIVATE=true): the target is the discard
  // port on loopback, which refuses connections — deliveries made meanwhile fail fast and go nowhere.
  {
    method: 'PUT',
    path: '/v1/accounts/{accountId}/webhook',
    roles: ['customer', 'operator'],
    request: (f) => ({ path: `${account(f)}/webhook`, body: { url: 'http://127.0.0.1:9/sms-webhook', secret: 'table-webhook-secret-0123' } }),
    foreignCode: 'ACCOUNT_NOT_FOUND',
  },
  { method: 'GET', path: '/v1/accounts/{accountId}/webhook', roles: ['customer', 'operator'], request: (f) => ({ path: `${account(f)}/webhook` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  { method: 'DELETE', path: '/v1/accounts/{accountId}/webhook', roles: ['customer', 'operator'], request: (f) => ({ path: `${account(f)}/webhook` }), foreignCode: 'ACCOUNT_NOT_FOUND' },
  // Channels and maintenance (ADR 0018). The table's channel is disabled and serves Fiji's marketing only, so nothing the
  // suites send is ever routed to it; pausing it (404 before the PUT made it) touches no traffic. Maintenance is only
  // ever ended here (the fuzz poisons `active`): a window on would answer every send 503.
  { method: 'GET', path: '/v1/channels', roles: ['operator'], request: () => ({ path: '/v1/channels' }) },
  {
    method: 'PUT',
    path: '/v1/channels/{channelId}',
    roles: ['operator'],
    request: () => ({ path: '/v1/channels/table-spare', body: { protocol: 'smpp', operators: ['INTERNATIONAL'], countries: ['FJ'], kinds: ['marketing'], priority: 0, tps: 1, enabled: false } }),
  },
  { method: 'POST', path: '/v1/channels/{channelId}/pause', roles: ['operator'], request: () => ({ path: '/v1/channels/table-spare/pause', body: { reason: 'access table' } }) },
  { method: 'POST', path: '/v1/channels/{channelId}/resume', roles: ['operator'], request: () => ({ path: '/v1/channels/table-spare/resume' }) },
  { method: 'GET', path: '/v1/maintenance', roles: ['operator', 'reviewer', 'customer'], request: () => ({ path: '/v1/maintenance' }) },
  { method: 'PUT', path: '/v1/maintenance', roles: ['operator'], request: () => ({ path: '/v1/maintenance', body: { active: false } }) },
  // Prometheus text, scraped with an operator key (ADR 0040).
  { method: 'GET', path: '/metrics', roles: ['operator'], request: () => ({ path: '/metrics' }) },
];

export interface GrpcMethod {
  /** `package.Service/Method`, as in the .proto files. */
  name: string;
  file: string;
  roles: Role[];
  request(f: Fixture): object;
  /** Whether another tenant's customer key must get NOT_FOUND. */
  foreign?: boolean;
}

export const GRPC_METHODS: GrpcMethod[] = [
  { name: 'sms.account.v1.AccountService/CreateAccount', file: 'account.proto', roles: ['operator'], request: () => ({ name: 'Grpc Table', contactEmail: 'g@example.com' }) },
  { name: 'sms.account.v1.AccountService/GetAccount', file: 'account.proto', roles: ['operator', 'reviewer', 'customer'], request: (f) => ({ accountId: f.accountId }), foreign: true },
  { name: 'sms.account.v1.AccountService/Deposit', file: 'account.proto', roles: ['operator'], request: (f) => ({ accountId: f.accountId, amount: '0.01', reference: 'grpc-table' }) },
  { name: 'sms.account.v1.AccountService/GetLedger', file: 'account.proto', roles: ['operator', 'customer'], request: (f) => ({ accountId: f.accountId }), foreign: true },
  { name: 'sms.account.v1.ReconciliationService/GetReconciliation', file: 'account.proto', roles: ['operator', 'customer'], request: (f) => ({ accountId: f.accountId }), foreign: true },
  // A statement of January 2020 with no segments: it moves no money and covers nothing the suites look at.
  {
    name: 'sms.account.v1.ReconciliationService/ImportStatement',
    file: 'account.proto',
    roles: ['operator'],
    request: (f) => ({ accountId: f.accountId, csv: 'period_start,period_end,segments\n2020-01-01,2020-01-31,0\n' }),
  },
  // gRPC has no public method: GetPrices takes any role's key (REST GET /v1/prices needs none). The announced change is
  // inside the notice period, as on REST: FAILED_PRECONDITION, nothing published.
  { name: 'sms.account.v1.PriceService/GetPrices', file: 'account.proto', roles: ['operator', 'reviewer', 'customer'], request: () => ({}) },
  {
    name: 'sms.account.v1.PriceService/AnnouncePriceChange',
    file: 'account.proto',
    roles: ['operator'],
    request: () => ({ effectiveAt: '2001-01-01T00:00:00Z', prices: [{ kind: 'notification', country: 'CN', unitPrice: '0.0450' }] }),
  },
  { name: 'sms.account.v1.PriceService/ListPriceChanges', file: 'account.proto', roles: ['operator', 'reviewer', 'customer'], request: () => ({ limit: 5 }) },
  { name: 'sms.account.v1.NotificationService/ListNotifications', file: 'account.proto', roles: ['operator', 'customer'], request: (f) => ({ accountId: f.accountId, limit: 5 }), foreign: true },
  { name: 'sms.account.v1.AccountService/AdjustFunds', file: 'account.proto', roles: ['operator'], request: (f) => ({ accountId: f.accountId, amount: '0.01', reason: 'grpc table', reference: 'grpc-adjustment' }) },
  {
    name: 'sms.account.v1.AccountService/GrantServiceCredit',
    file: 'account.proto',
    roles: ['operator'],
    request: (f) => ({ accountId: f.accountId, messageIds: [f.messageId], amount: '0.0001', reason: 'grpc table', reference: 'grpc-credit' }),
  },
  { name: 'sms.account.v1.AccountService/SetLowBalanceAlert', file: 'account.proto', roles: ['operator', 'customer'], request: (f) => ({ accountId: f.accountId, lowBalance: '1.00' }), foreign: true },
  { name: 'sms.account.v1.AccountService/SuspendAccount', file: 'account.proto', roles: ['operator', 'reviewer'], request: () => ({ accountId: 'no-such-account', reason: 'grpc table' }) },
  { name: 'sms.account.v1.AccountService/LiftSuspension', file: 'account.proto', roles: ['operator'], request: () => ({ accountId: 'no-such-account', reason: 'grpc table' }) },
  { name: 'sms.account.v1.AccountService/TerminateAccount', file: 'account.proto', roles: ['operator'], request: () => ({ accountId: 'no-such-account', reason: 'grpc table', basis: 'notice' }) },
  { name: 'sms.account.v1.AccountService/AcceptTerms', file: 'account.proto', roles: ['operator', 'customer'], request: (f) => ({ accountId: f.accountId, method: 'click' }), foreign: true },
  {
    name: 'sms.review.v1.ReviewService/SubmitSignature',
    file: 'review.proto',
    roles: ['customer', 'operator'],
    request: (f) => ({ accountId: f.accountId, name: '表格', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'G-1' }] }),
    foreign: true,
  },
  { name: 'sms.review.v1.ReviewService/GetSignature', file: 'review.proto', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ signatureId: f.signatureId }), foreign: true },
  { name: 'sms.review.v1.ReviewService/DecideSignature', file: 'review.proto', roles: ['reviewer'], request: (f) => ({ signatureId: f.pendingSignatureId, approve: true }) },
  {
    name: 'sms.review.v1.ReviewService/SubmitTemplate',
    file: 'review.proto',
    roles: ['customer', 'operator'],
    request: (f) => ({ accountId: f.accountId, name: 'g', kind: 'notification', content: '您的订单${order}已发货' }),
    foreign: true,
  },
  { name: 'sms.review.v1.ReviewService/GetTemplate', file: 'review.proto', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ templateId: f.templateId }), foreign: true },
  { name: 'sms.review.v1.ReviewService/DecideTemplate', file: 'review.proto', roles: ['reviewer'], request: (f) => ({ templateId: f.pendingTemplateId, approve: true }) },
  { name: 'sms.review.v1.ReviewService/Screen', file: 'review.proto', roles: ['customer', 'reviewer', 'operator'], request: () => ({ content: '您好', kind: 'notification' }) },
  { name: 'sms.review.v1.LexiconService/ListLexicon', file: 'review.proto', roles: ['reviewer', 'operator'], request: () => ({ limit: 5 }) },
  { name: 'sms.review.v1.LexiconService/AddTerm', file: 'review.proto', roles: ['reviewer'], request: () => ({ term: '表格测试词', category: 'fraud', action: 'REVIEW' }) },
  { name: 'sms.review.v1.LexiconService/RetireTerm', file: 'review.proto', roles: ['reviewer'], request: () => ({ termId: 'no-such-term', reason: 'grpc table' }) },
  { name: 'sms.review.v1.ReviewService/ListSignatures', file: 'review.proto', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ accountId: f.accountId }), foreign: true },
  { name: 'sms.review.v1.ReviewService/ListTemplates', file: 'review.proto', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ accountId: f.accountId }), foreign: true },
  { name: 'sms.review.v1.ReviewService/RevokeSignature', file: 'review.proto', roles: ['reviewer'], request: (f) => ({ signatureId: f.pendingSignatureId, reason: 'access check' }) },
  { name: 'sms.review.v1.ReviewService/RevokeTemplate', file: 'review.proto', roles: ['reviewer'], request: (f) => ({ templateId: f.pendingTemplateId, reason: 'access check' }) },
  // Supervision (ADR 0034), as the REST rows: recording a violation suspends the spare account; the resolution names no
  // violation (NOT_FOUND); the complaint is about the spare account.
  { name: 'sms.review.v1.SupervisionService/RecordViolation', file: 'review.proto', roles: ['reviewer'], request: (f) => ({ accountId: f.spareAccountId, category: 'other', evidence: 'grpc table' }) },
  { name: 'sms.review.v1.SupervisionService/ListViolations', file: 'review.proto', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ accountId: f.accountId }), foreign: true },
  {
    name: 'sms.review.v1.SupervisionService/ResolveViolation',
    file: 'review.proto',
    roles: ['reviewer', 'operator'],
    request: () => ({ violationId: '00000000-0000-4000-8000-00000000a11d', outcome: 'reinstate', reason: 'grpc table' }),
  },
  {
    name: 'sms.review.v1.SupervisionService/RecordComplaint',
    file: 'review.proto',
    roles: ['operator', 'reviewer'],
    request: (f) => ({ accountId: f.spareAccountId, phoneNumber: '13812345679', reason: 'grpc table' }),
  },
  { name: 'sms.review.v1.SupervisionService/ListComplaints', file: 'review.proto', roles: ['customer', 'reviewer', 'operator'], request: (f) => ({ accountId: f.accountId }), foreign: true },
  { name: 'sms.review.v1.ReviewService/ListHeldMessages', file: 'review.proto', roles: ['reviewer'], request: () => ({ limit: 5 }) },
  { name: 'sms.review.v1.ReviewService/DecideHeldMessage', file: 'review.proto', roles: ['reviewer'], request: (f) => ({ messageId: f.messageId, release: false, reason: 'access check' }) },
  {
    name: 'sms.dispatch.v1.DispatchService/SendMessages',
    file: 'dispatch.proto',
    roles: ['customer'],
    request: (f) => ({ accountId: f.accountId, signatureId: f.signatureId, templateId: f.templateId, params: { order: 'G-1' }, phoneNumbers: ['13800138078'] }),
    foreign: true,
  },
  { name: 'sms.dispatch.v1.DispatchService/ListMessages', file: 'dispatch.proto', roles: ['customer', 'operator', 'reviewer'], request: (f) => ({ accountId: f.accountId, limit: 5 }), foreign: true },
  { name: 'sms.dispatch.v1.DispatchService/GetMessage', file: 'dispatch.proto', roles: ['customer', 'operator', 'reviewer'], request: (f) => ({ messageId: f.messageId }), foreign: true },
  { name: 'sms.dispatch.v1.DispatchService/GetStatistics', file: 'dispatch.proto', roles: ['customer', 'operator'], request: (f) => ({ accountId: f.accountId, groupBy: 'day' }), foreign: true },
  { name: 'sms.dispatch.v1.DispatchService/CancelMessage', file: 'dispatch.proto', roles: ['customer', 'operator'], request: (f) => ({ messageId: f.messageId }), foreign: true },
];
