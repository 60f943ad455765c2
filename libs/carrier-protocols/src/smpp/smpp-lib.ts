import * as smpp from 'smpp';

// The one place that imports the untyped `smpp` package (declared in types/smpp.d.ts): the adapter's session,
// the simulator and the codec's tests all reach it through here.
export { smpp };
export type { Pdu, Session as LibSession } from 'smpp';
