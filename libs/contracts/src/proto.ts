import { join } from 'node:path';

/** Absolute path of a .proto file shipped in libs/contracts/proto (copied next to the build output). */
export const protoFile = (name: string): string => join(__dirname, '..', 'proto', name);
