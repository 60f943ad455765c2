import * as smpp from 'smpp';

// The one place that imports the untyped `smpp` package (declared in types/smpp.d.ts): the adapter's session,
// the simulator and the codec's tests all reach it through here.
export { smpp };
export type { Pdu, Session as LibSession } from 'smpp';

interface GsmCoder {
  getCoder(this: GsmCoder, encoding: number): unknown;
}

// The package decides whether its GSM tables are built by counting a 128-entry object's keys on every call, once
// per PDU it encodes or decodes — a fifth of what decoding a delivery receipt costs. The tables never change once
// built, so each is looked up once and kept.
const coder = (smpp as unknown as { gsmCoder: GsmCoder }).gsmCoder;
const buildCoder = coder.getCoder;
const built = new Map<number, unknown>();
coder.getCoder = function (encoding: number) {
  let table = built.get(encoding);
  if (table === undefined) {
    table = buildCoder.call(this, encoding);
    built.set(encoding, table);
  }
  return table;
};
