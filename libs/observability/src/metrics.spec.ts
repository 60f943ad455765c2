import { Metrics, PROMETHEUS_CONTENT_TYPE } from './metrics';

/** The series lines of a rendering (comments left out). */
const seriesOf = (text: string): string[] => text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));

describe('Metrics (the registry GET /metrics renders, ADR 0040)', () => {
  it('renders counters and histograms in the Prometheus text format, with HELP and TYPE', async () => {
    const metrics = new Metrics();
    const requests = metrics.counter('http_requests_total', 'Requests', ['route', 'status']);
    const duration = metrics.histogram('http_request_duration_seconds', 'Duration', ['route'], [0.1, 1]);
    requests.inc({ route: '/v1/messages', status: '202' });
    requests.inc({ route: '/v1/messages', status: '202' });
    duration.observe({ route: '/v1/messages' }, 0.05);
    duration.observe({ route: '/v1/messages' }, 0.5);

    const text = await metrics.render();
    expect(text).toContain('# HELP http_requests_total Requests\n# TYPE http_requests_total counter\n');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram\n');
    expect(seriesOf(text)).toEqual([
      'http_requests_total{route="/v1/messages",status="202"} 2',
      'http_request_duration_seconds_bucket{le="0.1",route="/v1/messages"} 1',
      'http_request_duration_seconds_bucket{le="1",route="/v1/messages"} 2',
      'http_request_duration_seconds_bucket{le="+Inf",route="/v1/messages"} 2',
      'http_request_duration_seconds_sum{route="/v1/messages"} 0.55',
      'http_request_duration_seconds_count{route="/v1/messages"} 2',
    ]);
    expect(PROMETHEUS_CONTENT_TYPE).toBe('text/plain; charset=utf-8; version=0.0.4');
  });

  it('reads gauge families once per scrape, and shows only the series read — none left from an earlier scrape', async () => {
    const metrics = new Metrics();
    let reads = 0;
    let protocol = 'smpp';
    const families = { x_up: { help: 'Up', labelNames: ['channel', 'protocol'] }, x_queued: { help: 'Queued', labelNames: ['channel', 'protocol'] } };
    metrics.gauges(families, () => {
      reads += 1;
      return { x_up: [{ labels: { channel: 'a', protocol }, value: 1 }], x_queued: [{ labels: { channel: 'a', protocol }, value: reads }] };
    });

    expect(seriesOf(await metrics.render())).toEqual(['x_up{channel="a",protocol="smpp"} 1', 'x_queued{channel="a",protocol="smpp"} 1']);
    protocol = 'cmpp';
    expect(seriesOf(await metrics.render())).toEqual(['x_up{channel="a",protocol="cmpp"} 1', 'x_queued{channel="a",protocol="cmpp"} 2']);
    expect(reads).toBe(2);
  });

  it('escapes label values, and keeps each instance apart (several applications share one process)', async () => {
    const first = new Metrics();
    const second = new Metrics();
    first.counter('same_total', 'Same name', ['why']).inc({ why: 'a "quoted"\\ value\nover two lines' });
    second.counter('same_total', 'Same name', ['why']).inc({ why: 'other' }, 5);
    expect(seriesOf(await first.render())).toEqual(['same_total{why="a \\"quoted\\"\\\\ value\\nover two lines"} 1']);
    expect(seriesOf(await second.render())).toEqual(['same_total{why="other"} 5']);
  });
});
