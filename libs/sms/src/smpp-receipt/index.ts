export * from './delivery-receipt';
export * from './receipt-status';
