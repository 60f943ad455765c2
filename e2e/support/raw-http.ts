import { connect } from 'node:net';

/**
 * An HTTP/1.1 request written byte for byte on its own connection: a request target, headers and body no HTTP client
 * library would send — raw percent-encoding garbage, `..`, non-ASCII bytes, duplicate or malformed headers, lying
 * media types, chunked bodies. The connection is persistent, as HTTP/1.1's default, and closed by us once the answer
 * is read: a server that refuses a large body early answers, reads the rest off and keeps the connection, whereas
 * one told `Connection: close` closes under the still-sending client, and the TCP reset may erase its answer before
 * it is read (RFC 9112 §9.6) — a loss on the wire, not the server's answer.
 */
export interface RawRequest {
  method: string;
  /** The request target exactly as written on the request line (path and query); UTF-8 bytes when not ASCII. */
  target: string;
  /** In order; a name may repeat. Content-Length is added for a body unless given here or the body is chunked. */
  headers: Array<[string, string]>;
  body?: Buffer;
  /** Send the body with `Transfer-Encoding: chunked` (in 64 KiB chunks). */
  chunked?: boolean;
}

export type RawResponse = { status: number; headers: Record<string, string>; contentType: string; text: string } | { error: string };

export function sendRaw(port: number, request: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    let socketError: string | undefined;
    const socket = connect(port, '127.0.0.1');
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks), socketError));
    };
    const timer = setTimeout(() => {
      socketError = `no complete answer within ${timeoutMs} ms`;
      finish();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (complete(Buffer.concat(chunks))) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    // EPIPE/ECONNRESET while still writing a body the server refused early: what it answered is already read.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      socketError = error.code ?? error.message;
    });
    socket.on('connect', () => {
      const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
      const head = [`${request.method} ${request.target} HTTP/1.1`, `Host: 127.0.0.1:${port}`];
      for (const [name, value] of request.headers) head.push(`${name}: ${value}`);
      if (request.body && request.chunked) head.push('Transfer-Encoding: chunked');
      else if (request.body && !names.has('content-length') && !names.has('transfer-encoding')) head.push(`Content-Length: ${request.body.length}`);
      socket.write(Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'));
      if (request.body) socket.write(request.chunked ? chunk(request.body) : request.body);
    });
  });
}

function chunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += 64 * 1024) {
    const piece = body.subarray(offset, offset + 64 * 1024);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** Interim answers (100 Continue) come before the answer. */
function skipInterim(received: Buffer): Buffer {
  let raw = received;
  while (/^HTTP\/1\.[01] 1\d\d /.test(raw.subarray(0, 16).toString('latin1')) && raw.indexOf('\r\n\r\n') >= 0) raw = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
  return raw;
}

/** Whether a whole answer has arrived, by its framing (Content-Length, or the last chunk). */
function complete(received: Buffer): boolean {
  const raw = skipInterim(received);
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0 || !/^HTTP\/1\.[01] [2-5]\d\d /.test(raw.subarray(0, 16).toString('latin1'))) return false;
  const head = raw.subarray(0, end).toString('latin1');
  if (/^HTTP\/1\.[01] (204|304) /.test(head)) return true;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) return raw.subarray(end + 4).includes('\r\n0\r\n\r\n') || raw.subarray(end + 4).subarray(0, 5).toString('latin1') === '0\r\n\r\n';
  return length !== null && raw.length - (end + 4) >= Number(length[1]);
}

function parseResponse(received: Buffer, socketError: string | undefined): RawResponse {
  const raw = skipInterim(received);
  const end = raw.indexOf('\r\n\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(raw.subarray(0, 32).toString('latin1'));
  if (end < 0 || !status) return { error: `no HTTP answer (${socketError ?? 'connection closed'}): ${JSON.stringify(raw.subarray(0, 200).toString('latin1'))}` };
  const headers: Record<string, string> = {};
  for (const line of raw.subarray(0, end).toString('latin1').split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  else if (headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']));
  return { status: Number(status[1]), headers, contentType: headers['content-type'] ?? '', text: body.toString('utf8') };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
