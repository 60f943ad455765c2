import { type Billable, estimateMinor, type SendBudget, type UnitPricer, unitPricer } from '../domain/balance-estimate';
import type { AccountBalanceEntry, BalanceView } from './balance-view';
import type { PendingCharges } from './pending-charges';

/** A send's budget, read once before its decision. */
export class PreparedBudget {
  constructor(
    private readonly balance: AccountBalanceEntry,
    private readonly price: UnitPricer,
    private readonly pending: PendingCharges,
  ) {}

  /** The budget at this instant: the reported available balance less what is held (read in the decision's turn). */
  current(): SendBudget {
    return { availableMinor: this.balance.availableMinor - this.pending.of(this.balance.accountId), unitPriceMinor: this.price };
  }

  /** The batch accepted with these messages: held until a later report shows it (call in the decision's turn). */
  hold(batchId: string, messages: readonly Billable[]): void {
    this.pending.hold(batchId, this.balance.accountId, estimateMinor(messages, this.price), this.balance.revision);
  }

  /** The batch was not accepted after all (the append failed): what `hold` held goes. */
  unhold(batchId: string): void {
    this.pending.release(batchId);
  }
}

/**
 * What a send is estimated against (ADR 0027): the account's last balance report, the price catalogue version in
 * force, and what this process accepted since. Undefined when the view cannot say — then nothing is refused here.
 */
export class SendBudgets {
  constructor(
    private readonly view: BalanceView,
    private readonly pending: PendingCharges,
  ) {}

  async prepare(accountId: string, kind: string, currency: string, at: Date): Promise<PreparedBudget | undefined> {
    const balance = await this.view.balanceOf(accountId);
    if (!balance) return undefined;
    const price = unitPricer(await this.view.priceVersions(), at.toISOString(), kind, currency);
    return price && new PreparedBudget(balance, price, this.pending);
  }
}
