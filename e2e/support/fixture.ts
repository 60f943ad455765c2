import { auth, E2E_ADMIN_TOKEN, expectStatus } from './http';
import { freePort, RunningProcess, startProcess, tempDir } from './processes';
import type { Fixture, Role } from './routes';
import { runWalkingSkeleton, SkeletonRun } from './scenario';

/** The embedded platform the table suites (access, fuzz) walk: REST and gRPC on free ports, the fixed admin key. */
export interface TablePlatform {
  platform: RunningProcess & { match: RegExpMatchArray };
  /** REST base URL, without `/v1`. */
  url: string;
  grpcPort: number;
}

/** Starts the embedded platform; `env` is added to (and may override) the table suites' settings. */
export async function startTablePlatform(prefix: string, env: Record<string, string> = {}): Promise<TablePlatform> {
  const grpcPort = await freePort();
  const platform = await startProcess(
    'apps/platform/src/main.js',
    { PORT: '0', GRPC_PORT: String(grpcPort), SMPP_PORT: '0', DATA_DIR: tempDir(prefix), HOST: '127.0.0.1', ADMIN_API_KEY: E2E_ADMIN_TOKEN, ...env },
    /REST API\s+(http:\/\/\S+)\/v1/,
  );
  return { platform, url: platform.match[1], grpcPort };
}

/** A key per role: staff keys made by the admin, tenant A's customer key, and tenant B's. */
export type TableTokens = Record<Role | 'other-tenant', string>;

export interface TableSetup {
  run: SkeletonRun;
  fixture: Fixture;
  tokens: TableTokens;
}

/**
 * What the route table is called on: tenant A from the walking skeleton (an account with money, an approved
 * signature and template, delivered messages), a pending signature and template, a spare account, a spare key of A
 * and a spare staff key, and a key per role plus tenant B's customer key.
 */
export async function buildTableFixture(url: string): Promise<TableSetup> {
  const admin = auth(E2E_ADMIN_TOKEN);
  const tokens: TableTokens = { operator: '', reviewer: '', customer: '', 'other-tenant': '' };
  const run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
  tokens.customer = run.customerToken;
  tokens.operator = (await expectStatus(201, 'POST', `${url}/v1/staff-keys`, { role: 'operator' }, admin)).token;
  tokens.reviewer = (await expectStatus(201, 'POST', `${url}/v1/staff-keys`, { role: 'reviewer' }, admin)).token;
  tokens['other-tenant'] = (await expectStatus(201, 'POST', `${url}/v1/accounts`, { name: 'Other Ltd', contactEmail: 'o@other.example' }, admin)).apiKey.token;
  const customer = auth(run.customerToken);
  const spare = await expectStatus(201, 'POST', `${url}/v1/accounts`, { name: 'Spare Ltd', contactEmail: 's@spare.example' }, admin);
  const fixture: Fixture = {
    accountId: run.accountId,
    spareAccountId: spare.accountId,
    signatureId: run.request.signatureId as string,
    templateId: run.request.templateId as string,
    pendingSignatureId: (await expectStatus(201, 'POST', `${url}/v1/signatures`, { name: '待审', purpose: 'app', documents: [{ kind: 'app-store', reference: 'A-1' }] }, customer)).signatureId,
    pendingTemplateId: (await expectStatus(201, 'POST', `${url}/v1/templates`, { name: 'pending', kind: 'notification', content: '您的包裹${code}已到' }, customer)).templateId,
    messageId: run.messageIds[0],
    spareKeyId: (await expectStatus(201, 'POST', `${url}/v1/accounts/${run.accountId}/api-keys`, { label: 'spare' }, customer)).keyId,
    spareStaffKeyId: (await expectStatus(201, 'POST', `${url}/v1/staff-keys`, { role: 'reviewer', label: 'spare' }, admin)).keyId,
  };
  return { run, fixture, tokens };
}
