export type VariableType = 'code' | 'name' | 'amount' | 'date' | 'url' | 'text';

export interface RenderInput {
  /** Signature name without brackets, e.g. `阿里云`; required for domestic messages. */
  signature?: string;
  template: string;
  params: Record<string, string>;
  domestic: boolean;
  /**
   * Type of each variable. A variable not described here is typed by its name when that is a type name
   * (`${code}`, `${amount}`, …, as DOMAIN §2 writes them) and as free `text` otherwise.
   */
  variables?: Record<string, VariableType>;
  /** Hosts a `url` variable may point to (a listed domain also admits its subdomains). */
  allowedDomains?: readonly string[];
}

export type RenderErrorCode = 'TEMPLATE_PARAM_MISSING' | 'TEMPLATE_PARAM_INVALID' | 'SIGNATURE_REQUIRED';

export type RenderResult = { ok: true; text: string } | { ok: false; code: RenderErrorCode; detail: string };

/** `${name}`, or `${name:type}` naming its type outright (`${order:text}`, `${due:date}`). */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\}/g;
const TYPE_NAMES: ReadonlySet<string> = new Set<VariableType>(['code', 'name', 'amount', 'date', 'url', 'text']);
const MAX_TEXT_LENGTH = 35;
const MAX_URL_LENGTH = 256;

/**
 * The type a variable's name gives it (DOMAIN §2 writes them `${code}`, `${name}`, `${amount}`, `${date}`, `${url}`):
 * a type name, or one followed by `_…` or digits for a second of its kind (`${amount_due}`, `${date2}`); any other
 * name is free `text` — which, like `name`, may not carry a link or a phone number the template did not say.
 */
export function variableType(name: string): VariableType {
  if (TYPE_NAMES.has(name)) return name as VariableType;
  const typed = /^([a-z]+)(?:_[A-Za-z0-9_]*|\d+)$/.exec(name);
  return typed && TYPE_NAMES.has(typed[1]) ? (typed[1] as VariableType) : 'text';
}

/** Names of the `${…}` variables a template uses, in order of first use. */
export function templateVariables(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(VARIABLE), (m) => m[1]))];
}

/**
 * Each variable with the type it is checked against: the one written (`${due:date}`), else the one its name gives
 * (`variableType`). A written type that is not one of VARIABLE_TYPES is kept as written, for the caller to refuse.
 */
export function templateVariableTypes(template: string): Record<string, string> {
  const types: Record<string, string> = {};
  for (const [, name, written] of template.matchAll(VARIABLE)) if (!(name in types)) types[name] = written ?? variableType(name);
  return types;
}

export const VARIABLE_TYPES: readonly VariableType[] = ['code', 'name', 'amount', 'date', 'url', 'text'];

/**
 * Renders `【signature】template` (domestic) or the template alone (international). Substitution is one pass,
 * so a parameter containing `${…}` is not expanded again.
 */
export function renderMessage(input: RenderInput): RenderResult {
  const names = templateVariables(input.template);
  const written = templateVariableTypes(input.template);
  for (const name of names) {
    const value = input.params[name];
    if (value === undefined || value === null) return failure('TEMPLATE_PARAM_MISSING', `parameter "${name}" is missing`);
    if (typeof value !== 'string') return failure('TEMPLATE_PARAM_INVALID', `parameter "${name}" must be a string`);
    const type = input.variables?.[name] ?? (TYPE_NAMES.has(written[name]) ? (written[name] as VariableType) : undefined);
    if (!type) return failure('TEMPLATE_PARAM_INVALID', `variable "${name}" has an unknown type "${written[name]}"`);
    const problem = checkValue(type, value, input.allowedDomains);
    if (problem) return failure('TEMPLATE_PARAM_INVALID', `parameter "${name}" (${type}) ${problem}`);
  }

  const body = input.template.replace(VARIABLE, (_match, name: string) => input.params[name]);
  if (!input.domestic) return { ok: true, text: body };

  const signature = input.signature?.trim();
  if (!signature) return failure('SIGNATURE_REQUIRED', 'a domestic message needs a signature');
  return { ok: true, text: `【${signature}】${body}` };
}

function checkValue(type: VariableType, value: string, allowedDomains?: readonly string[]): string | undefined {
  switch (type) {
    case 'code':
      return /^\d{1,8}$/.test(value) ? undefined : 'must be 1 to 8 digits';
    case 'amount':
      return /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,4})?$/.test(value) ? undefined : 'must be a decimal amount';
    case 'date':
      return isDate(value) ? undefined : 'must be a date';
    case 'url':
      return checkUrl(value, allowedDomains);
    case 'name':
    case 'text':
      return checkText(value);
  }
}

function checkText(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (Array.from(value).length > MAX_TEXT_LENGTH) return `must be at most ${MAX_TEXT_LENGTH} characters`;
  if (/[\r\n\u2028\u2029]/.test(value)) return 'must not contain a line break';
  // Brackets would let a parameter forge a second signature inside the message.
  if (/[【】]/.test(value)) return 'must not contain 【 or 】';
  // What the template did not say cannot arrive through a parameter: a link or a number to call or add (DOMAIN §3).
  const folded = value.normalize('NFKC');
  if (LINK.test(folded)) return 'must not contain a link (a template says links with a ${url} variable)';
  if (PHONE.some((pattern) => pattern.test(folded.replace(/[\s\-–—.()]/g, '')))) return 'must not contain a phone number';
  return undefined;
}

/** A scheme, `www.`, or a host under a common top-level domain (after NFKC: full-width dots and letters fold). */
const LINK = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|[a-z0-9-]+\.(?:com|cn|net|org|top|xyz|vip|cc|me|io|co|info|biz|app|site|online|club|shop|ink|ltd|link|tk|hk|tw|wang|work|ly|gl|to)(?![a-z]))/i;
/** Numbers a recipient could call or add, separators removed: CN mobiles (with or without +86), landlines, 400/800, international. */
const PHONE = [/(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/, /(?<!\d)0\d{2,3}\d{7,8}(?!\d)/, /(?<!\d)[48]00\d{7}(?!\d)/, /\+\d{8,15}(?!\d)/];

function checkUrl(value: string, allowedDomains?: readonly string[]): string | undefined {
  if (value.length > MAX_URL_LENGTH || /\s/.test(value)) return 'must be a URL without spaces';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.username || url.password) return 'must not carry credentials';
  if (allowedDomains) {
    const host = url.hostname.toLowerCase();
    const allowed = allowedDomains.some((domain) => {
      const d = domain.toLowerCase().replace(/^\.+/, '');
      return host === d || host.endsWith(`.${d}`);
    });
    if (!allowed) return `host ${host} is not an allowed domain`;
  }
  return undefined;
}

/**
 * Dates as messages show them: `2024-01-15`, `2024/1/15`, `2024.01.15`, `2024年1月15日`, optionally with a
 * time `10:30[:00]`, ISO 8601 date-times, and the short forms `01-15`, `1月15日`. The calendar date must exist.
 */
function isDate(value: string): boolean {
  const iso = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (iso) return validDay(+iso[1], +iso[2], +iso[3]) && !Number.isNaN(Date.parse(value));

  const full = /^(\d{4})([-/.年])(\d{1,2})([-/.月])(\d{1,2})(日?)(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (full) {
    const [, y, sep1, m, sep2, d, day, hh, mm, ss] = full;
    const chinese = sep1 === '年';
    if (chinese ? sep2 !== '月' : sep2 !== sep1 || day !== '') return false;
    return validDay(+y, +m, +d) && validTime(hh, mm, ss);
  }

  const short = /^(\d{1,2})(?:-(\d{1,2})|月(\d{1,2})日)$/.exec(value);
  if (short) return validDay(2000, +short[1], +(short[2] ?? short[3])); // leap year: 02-29 is a valid short date
  return false;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validTime(hh?: string, mm?: string, ss?: string): boolean {
  if (hh === undefined) return true;
  return +hh < 24 && +(mm ?? 0) < 60 && +(ss ?? 0) < 60;
}

function failure(code: RenderErrorCode, detail: string): RenderResult {
  return { ok: false, code, detail };
}
