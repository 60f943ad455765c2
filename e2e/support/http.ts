export interface JsonResponse<T = any> {
  status: number;
  contentType: string;
  body: T;
}

export async function call<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const contentType = response.headers.get('content-type') ?? '';
  // Only JSON is parsed; anything else (an export archive) is answered as its size.
  if (!/json/.test(contentType)) return { status: response.status, contentType, body: { bytes: (await response.arrayBuffer()).byteLength } as T };
  const text = await response.text();
  return { status: response.status, contentType, body: text ? JSON.parse(text) : undefined };
}

/** Fails with the whole response when the status is not the one expected — the problem+json detail says why. */
export async function expectStatus<T = any>(status: number, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  const response = await call<T>(method, url, body, headers);
  if (response.status !== status) {
    throw new Error(`${method} ${url} → ${response.status} (expected ${status}): ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** The Authorization header of a bearer token (an API key's `token`, or the admin key). */
export const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** A fixed bootstrap key the e2e suites start processes with, so several processes of one deployment share it. */
export const E2E_ADMIN_TOKEN = 'e2e-admin-key-0123456789abcdef0123456789abcdef';
