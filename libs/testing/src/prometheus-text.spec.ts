import { parsePrometheusText, samplesOf } from './prometheus-text';

describe('parsePrometheusText (what the /metrics tests read the exposition with)', () => {
  it('reads comments, samples with and without labels, escaped label values, special values and timestamps', () => {
    const samples = parsePrometheusText(
      [
        '# HELP up Whether it is up',
        '# TYPE up gauge',
        'up 1',
        'x_bucket{le="+Inf",route="/v1/messages/:messageId"} 3',
        'x{why="a \\"q\\" \\\\ b\\nc",n="2"} -1.5e-3 1700000000000',
        'y{a="1"} NaN',
        'z +Inf',
        '',
      ].join('\n'),
    );
    expect(samples).toEqual([
      { name: 'up', labels: {}, value: 1 },
      { name: 'x_bucket', labels: { le: '+Inf', route: '/v1/messages/:messageId' }, value: 3 },
      { name: 'x', labels: { why: 'a "q" \\ b\nc', n: '2' }, value: -0.0015 },
      { name: 'y', labels: { a: '1' }, value: NaN },
      { name: 'z', labels: {}, value: Infinity },
    ]);
    expect(samplesOf(samples, 'x', { n: '2' })).toHaveLength(1);
    expect(samplesOf(samples, 'x', { n: '3' })).toHaveLength(0);
  });

  it.each([
    ['a value that is no number', 'up one'],
    ['no value', 'up'],
    ['an unquoted label value', 'up{a=1} 1'],
    ['an unclosed label set', 'up{a="1" 1'],
    ['a repeated label', 'up{a="1",a="2"} 1'],
    ['a bad metric name', '1up 1'],
    ['labels without a comma between them', 'up{a="1"b="2"} 1'],
    ['JSON', '{"up":1}'],
  ])('refuses %s', (_what, line) => {
    expect(() => parsePrometheusText(`# TYPE up gauge\n${line}\n`)).toThrow(/Prometheus/);
  });
});
