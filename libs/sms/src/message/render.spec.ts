import { renderMessage, templateVariables, templateVariableTypes, type RenderInput, variableType, type VariableType } from './render';

const domestic = (template: string, params: Record<string, string>, extra: Partial<RenderInput> = {}) =>
  renderMessage({ signature: '阿里云', template, params, domestic: true, ...extra });

describe('renderMessage', () => {
  it('prefixes domestic text with the signature in 【】', () => {
    expect(domestic('您的验证码为${code}，5分钟内有效。', { code: '123456' })).toEqual({
      ok: true,
      text: '【阿里云】您的验证码为123456，5分钟内有效。',
    });
  });

  it('sends international text without a signature', () => {
    expect(
      renderMessage({ signature: 'Acme', template: 'Your code is ${code}', params: { code: '8842' }, domestic: false }),
    ).toEqual({ ok: true, text: 'Your code is 8842' });
  });

  it('renders repeated and multiple variables, ignoring unused params', () => {
    expect(
      domestic('${name}您好，${name}的订单${order}金额${amount}元', { name: '张三', order: 'A-1001', amount: '12.50', extra: 'x' }),
    ).toEqual({ ok: true, text: '【阿里云】张三您好，张三的订单A-1001金额12.50元' });
  });

  it('does not expand variables that arrive inside a parameter', () => {
    expect(domestic('Hi ${name}, code ${code}', { name: '${code}', code: '1' })).toEqual({
      ok: true,
      text: '【阿里云】Hi ${code}, code 1',
    });
  });

  it('leaves text that only resembles a variable as it is', () => {
    expect(domestic('price $5 ${ not a var } ${1x}', {})).toEqual({ ok: true, text: '【阿里云】price $5 ${ not a var } ${1x}' });
  });

  it('reports a missing parameter by name', () => {
    expect(domestic('code ${code}, valid ${minutes} min', { code: '1234' })).toEqual({
      ok: false,
      code: 'TEMPLATE_PARAM_MISSING',
      detail: 'parameter "minutes" is missing',
    });
  });

  it('requires a signature for domestic messages', () => {
    expect(renderMessage({ template: 'hi', params: {}, domestic: true })).toMatchObject({ ok: false, code: 'SIGNATURE_REQUIRED' });
    expect(renderMessage({ signature: '  ', template: 'hi', params: {}, domestic: true })).toMatchObject({
      ok: false,
      code: 'SIGNATURE_REQUIRED',
    });
  });

  it('rejects a non-string parameter from an untyped payload', () => {
    expect(domestic('${code}', { code: 1234 as unknown as string })).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_INVALID' });
  });

  describe.each<[VariableType, string[], string[]]>([
    ['code', ['1', '1234', '12345678', '00001234'], ['', '123456789', '12a4', '12 34', '-123', '１２３４']],
    ['amount', ['0', '12', '12.5', '12.50', '1,234.56', '1234567.8901', '-3.20'], ['', '1.', '.5', '12.345678', '1,23', 'abc', '¥12', '1e5']],
    [
      'date',
      ['2024-01-15', '2024/1/5', '2024.01.15', '2024年1月15日', '2024-01-15 10:30', '2024年1月15日 09:05:59', '2024-02-29', '2024-01-15T10:30:00Z', '2024-01-15T10:30:00+08:00', '01-15', '1月15日'],
      ['', '2024-13-01', '2023-02-29', '2024-04-31', '2024-01-15 24:00', '2024/01-15', 'tomorrow', '15', '2024年1-15', '2024-01-15T25:00:00Z'],
    ],
    [
      'url',
      ['https://example.com', 'http://example.com/a?b=1', 'https://m.example.com/x'],
      ['example.com', 'ftp://example.com/file', 'javascript:alert(1)', 'https://user:pw@example.com/', 'https://evil.com/?q=example.com', 'https://example.com.evil.com/', 'https://a.com/ b'],
    ],
    ['name', ['张三', 'Zhang San', 'x'.repeat(35), '李'.repeat(35)], ['', 'x'.repeat(36), 'a\nb', 'a\rb', '伪造【银行】']],
    ['text', ['your parcel', '物流单号SF1234567890'], ['', 'line1\nline2', 'y'.repeat(36), '】【假签名']],
  ])('%s variables', (type, valid, invalid) => {
    const render = (value: string) =>
      domestic('v=${v}', { v: value }, { variables: { v: type }, allowedDomains: type === 'url' ? ['example.com'] : undefined });

    it.each(valid)('accept %j', (value) => {
      expect(render(value)).toEqual({ ok: true, text: `【阿里云】v=${value}` });
    });

    it.each(invalid)('reject %j', (value) => {
      const result = render(value);
      expect(result).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_INVALID' });
      if (!result.ok) expect(result.detail).toContain(`parameter "v" (${type})`);
    });
  });

  it('types a variable by its name when no description is given', () => {
    expect(domestic('code ${code}', { code: '12ab' })).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_INVALID' });
    expect(domestic('on ${date}', { date: '2024-02-30' })).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_INVALID' });
    expect(domestic('see ${link}', { link: 'not a url but text' })).toMatchObject({ ok: true });
  });

  // DOMAIN §2 / §3: a parameter can smuggle what the template did not say; name and free text carry no link or number.
  it.each([
    ['a link', 'https://evil.example'],
    ['a bare domain', '点击 pay-now.top 领取'],
    ['a full-width domain', 'ｗｗｗ．ｅｖｉｌ．ｃｏｍ'],
    ['a CN mobile with separators', '张三 138-0013-8000'],
    ['a +86 mobile', '+8613800138000'],
    ['a landline', '010-12345678'],
    ['a 400 number', '400 800 1234'],
    ['an international number', '+447700900123'],
  ])('refuses %s in ${name} and in free text', (_what, value) => {
    expect(domestic('您好${name}', { name: value })).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_INVALID' });
    expect(domestic('订单${order}', { order: value })).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_INVALID' });
  });

  it('keeps names and references that are neither', () => {
    for (const value of ['张三', 'Zhang San', '物流单号SF1234567890', 'SO20261123', 'T-1', '第3期']) expect(domestic('${name}', { name: value })).toMatchObject({ ok: true });
  });

  it('types a second variable of a kind by its prefix (${amount_due}, ${date2}), anything else as text', () => {
    expect(variableType('amount_due')).toBe('amount');
    expect(variableType('date2')).toBe('date');
    expect(variableType('url_help')).toBe('url');
    expect(variableType('order')).toBe('text');
    expect(variableType('codex')).toBe('text');
    expect(domestic('应付${amount_due}元', { amount_due: '十元' })).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_INVALID' });
  });

  it('checks a type written in the template (${due:date}) and substitutes by name', () => {
    expect(domestic('到期${due:date}', { due: '2024-01-15' })).toEqual({ ok: true, text: '【阿里云】到期2024-01-15' });
    expect(domestic('到期${due:date}', { due: 'soon' })).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_INVALID' });
    expect(domestic('x${v:colour}', { v: 'red' })).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_INVALID' });
    expect(templateVariables('${due:date} ${code} ${due}')).toEqual(['due', 'code']);
    expect(templateVariableTypes('${due:date} ${code} ${order} ${v:colour}')).toEqual({ due: 'date', code: 'code', order: 'text', v: 'colour' });
  });

  it('lets the description override the name-based type', () => {
    expect(domestic('ref ${code}', { code: 'AB-12' }, { variables: { code: 'text' } })).toMatchObject({ ok: true });
  });

  it('accepts any http(s) host for url when no allow-list is given', () => {
    expect(domestic('${url}', { url: 'https://anything.example.org/p' })).toMatchObject({ ok: true });
    expect(domestic('${url}', { url: 'https://anything.example.org/p' }, { allowedDomains: [] })).toMatchObject({
      ok: false,
      code: 'TEMPLATE_PARAM_INVALID',
    });
  });
});

describe('templateVariables', () => {
  it('lists each variable once, in order of first use', () => {
    expect(templateVariables('${b} ${a} ${b} $x ${ c }')).toEqual(['b', 'a']);
  });
});
