import { type AddressClass, classifyAddress, isPublicAddress, parseIPv6 } from './target-address';

describe('webhook target addresses (SSRF guard)', () => {
  it.each<[string, AddressClass]>([
    // Each refused IPv4 range at its edges, and the public neighbours just outside.
    ['0.0.0.0', 'unspecified'],
    ['0.255.255.255', 'unspecified'],
    ['1.0.0.0', 'public'],
    ['9.255.255.255', 'public'],
    ['10.0.0.0', 'private'],
    ['10.255.255.255', 'private'],
    ['11.0.0.0', 'public'],
    ['100.63.255.255', 'public'],
    ['100.64.0.0', 'shared'],
    ['100.127.255.255', 'shared'],
    ['100.128.0.0', 'public'],
    ['126.255.255.255', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['128.0.0.0', 'public'],
    ['169.253.255.255', 'public'],
    ['169.254.0.1', 'link-local'],
    ['169.254.255.255', 'link-local'],
    ['169.255.0.0', 'public'],
    ['172.15.255.255', 'public'],
    ['172.16.0.0', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.0', 'public'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['192.167.255.255', 'public'],
    ['192.168.0.0', 'private'],
    ['192.168.255.255', 'private'],
    ['192.169.0.0', 'public'],
    ['198.17.255.255', 'public'],
    ['198.18.0.0', 'reserved'],
    ['198.19.255.255', 'reserved'],
    ['198.20.0.0', 'public'],
    ['203.0.113.7', 'reserved'],
    ['223.255.255.255', 'public'],
    ['224.0.0.0', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['8.8.8.8', 'public'],
    // Cloud metadata services: AWS/GCP/Azure IMDS, ECS, Azure wire server (a public range), Alibaba (CGNAT range).
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['100.100.100.200', 'metadata'],
  ])('IPv4 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each<[string, AddressClass]>([
    ['::', 'unspecified'],
    ['0:0:0:0:0:0:0:0', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::', 'private'],
    ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'private'],
    ['fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
    ['1::1', 'reserved'],
    ['4000::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:82a::200e', 'public'],
    ['3ffe:ffff::1', 'public'],
    ['fd00:ec2::254', 'metadata'],
  ])('IPv6 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each<[string, AddressClass]>([
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::FFFF:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:100.64.0.1', 'shared'],
    ['::ffff:8.8.8.8', 'public'],
    ['0:0:0:0:0:ffff:192.168.1.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['::8.8.4.4', 'public'],
    ['64:ff9b::10.1.2.3', 'private'],
    ['64:ff9b::808:808', 'public'],
    ['64:ff9b:1::1', 'reserved'],
    ['2002:c0a8:101::1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:808:808::1', 'public'],
  ])('IPv4 inside IPv6: %s is %s (judged by the IPv4 address it carries)', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(['', 'localhost', 'example.com', '1.2.3', '1.2.3.4.5', '256.0.0.1', '01.2.3.4', '1.2.3.-1', '0x7f.0.0.1', ':::', '1::2::3', 'gg::1', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '::ffff:1.2.3', '::ffff:1.2.3.256', '12345::'])(
    'calls %j invalid (names are resolved first; only addresses are classified)',
    (text) => {
      expect(classifyAddress(text)).toBe('invalid');
      expect(isPublicAddress(text)).toBe(false);
    },
  );

  it('parses every text form of one IPv6 address to the same bytes', () => {
    const forms = ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1', '2001:DB8::2:1', '2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::0.2.0.1'];
    const expected = parseIPv6(forms[0]);
    expect(expected).toHaveLength(16);
    for (const form of forms) expect([form, parseIPv6(form)]).toEqual([form, expected]);
  });

  it('only a public address may be a target', () => {
    expect(['93.184.215.14', '2606:4700::6810:84e5'].map(isPublicAddress)).toEqual([true, true]);
    expect(['127.0.0.1', '::1', '10.1.1.1', '::ffff:192.168.0.1', '169.254.169.254'].map(isPublicAddress)).toEqual([false, false, false, false, false]);
  });
});
