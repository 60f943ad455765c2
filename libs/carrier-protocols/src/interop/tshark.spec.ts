import { pcapTcpSegments, tcpStreams } from './tshark';

// The pcap reader the loopback capture waits with: a classic pcap built here field by field (pcap-savefile(5)).

function globalHeader(littleEndian: boolean, linkType = 1): Buffer {
  const header = Buffer.alloc(24);
  const u16 = (value: number, offset: number) => (littleEndian ? header.writeUInt16LE(value, offset) : header.writeUInt16BE(value, offset));
  const u32 = (value: number, offset: number) => (littleEndian ? header.writeUInt32LE(value, offset) : header.writeUInt32BE(value, offset));
  u32(0xa1b2c3d4, 0);
  u16(2, 4);
  u16(4, 6);
  u32(262_144, 16);
  u32(linkType, 20);
  return header;
}

function record(littleEndian: boolean, packet: Buffer): Buffer {
  const header = Buffer.alloc(16);
  const u32 = (value: number, offset: number) => (littleEndian ? header.writeUInt32LE(value, offset) : header.writeUInt32BE(value, offset));
  u32(1_700_000_000, 0);
  u32(packet.length, 8);
  u32(packet.length, 12);
  return Buffer.concat([header, packet]);
}

/** Ethernet + IPv4 (20 octets) + TCP (20 octets, or 32 with options) + payload. */
function tcpPacket(input: { src: number; dst: number; flags: number; payload?: Buffer; tcpOptions?: boolean; protocol?: number; seq?: number }): Buffer {
  const payload = input.payload ?? Buffer.alloc(0);
  const tcpLength = input.tcpOptions ? 32 : 20;
  const ethernet = Buffer.alloc(14);
  ethernet.writeUInt16BE(0x0800, 12);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + tcpLength + payload.length, 2);
  ip[9] = input.protocol ?? 6;
  const tcp = Buffer.alloc(tcpLength);
  tcp.writeUInt16BE(input.src, 0);
  tcp.writeUInt16BE(input.dst, 2);
  tcp.writeUInt32BE(input.seq ?? 0, 4);
  tcp[12] = (tcpLength / 4) << 4;
  tcp[13] = input.flags;
  return Buffer.concat([ethernet, ip, tcp, payload]);
}

const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;
const FIN_ACK = 0x11;

describe('pcapTcpSegments', () => {
  it.each([true, false])('reads ports, flags and payloads of TCP over Ethernet/IPv4 (little-endian file: %s)', (littleEndian) => {
    const file = Buffer.concat([
      globalHeader(littleEndian),
      record(littleEndian, tcpPacket({ src: 40_000, dst: 2775, flags: SYN, tcpOptions: true })),
      record(littleEndian, tcpPacket({ src: 40_000, dst: 2775, flags: PSH_ACK, payload: Buffer.from('bind') })),
      record(littleEndian, tcpPacket({ src: 2775, dst: 40_000, flags: PSH_ACK, payload: Buffer.from('resp'), tcpOptions: true })),
      record(littleEndian, tcpPacket({ src: 9, dst: 9, flags: 0, protocol: 17 })), // UDP: skipped
      record(littleEndian, tcpPacket({ src: 2775, dst: 40_000, flags: FIN_ACK })),
    ]);

    const segments = pcapTcpSegments(file);

    expect(segments.map((s) => [s.srcPort, s.dstPort, s.syn, s.fin, s.payload.toString()])).toEqual([
      [40_000, 2775, true, false, ''],
      [40_000, 2775, false, false, 'bind'],
      [2775, 40_000, false, false, 'resp'],
      [2775, 40_000, false, true, ''],
    ]);
  });

  it('stops at a record the writer has not finished, and reads nothing from a file without its header', () => {
    const whole = record(true, tcpPacket({ src: 1, dst: 2, flags: ACK, payload: Buffer.from('abc') }));
    const file = Buffer.concat([globalHeader(true), whole, whole.subarray(0, whole.length - 1)]);
    expect(pcapTcpSegments(file)).toHaveLength(1);
    expect(pcapTcpSegments(Buffer.alloc(10))).toEqual([]);
  });

  it('refuses what it cannot read rather than guessing', () => {
    expect(() => pcapTcpSegments(Buffer.alloc(24))).toThrow('not a classic pcap');
    expect(() => pcapTcpSegments(globalHeader(true, 105))).toThrow('link type 105');
  });
});

describe('tcpStreams', () => {
  it("joins each direction's payloads in order and tells who closed", () => {
    const file = Buffer.concat([
      globalHeader(true),
      record(true, tcpPacket({ src: 40_000, dst: 2775, flags: PSH_ACK, payload: Buffer.from('a'), seq: 1 })),
      record(true, tcpPacket({ src: 2775, dst: 40_000, flags: PSH_ACK, payload: Buffer.from('1'), seq: 1 })),
      record(true, tcpPacket({ src: 40_000, dst: 2775, flags: PSH_ACK, payload: Buffer.from('b'), seq: 2 })),
      record(true, tcpPacket({ src: 40_000, dst: 2775, flags: FIN_ACK })),
    ]);
    const streams = tcpStreams(pcapTcpSegments(file), 2775);
    expect({ toServer: streams.toServer.toString(), fromServer: streams.fromServer.toString(), closedBy: streams.closedBy }).toEqual({
      toServer: 'ab',
      fromServer: '1',
      closedBy: { client: true, server: false },
    });
  });

  it('lays bytes out by sequence number: a retransmission counts once, a late segment lands where it belongs, across the 2^32 wrap', () => {
    const near = 2 ** 32 - 2;
    const file = Buffer.concat([
      globalHeader(true),
      record(true, tcpPacket({ src: 40_000, dst: 2775, flags: PSH_ACK, payload: Buffer.from('abc'), seq: near })),
      // Captured before the segment it follows, and past the wrap.
      record(true, tcpPacket({ src: 40_000, dst: 2775, flags: PSH_ACK, payload: Buffer.from('gh'), seq: 4 })),
      record(true, tcpPacket({ src: 40_000, dst: 2775, flags: PSH_ACK, payload: Buffer.from('def'), seq: 1 })),
      // Loopback retransmits under load: the same octets again, and one overlapping the next ones.
      record(true, tcpPacket({ src: 40_000, dst: 2775, flags: PSH_ACK, payload: Buffer.from('def'), seq: 1 })),
      record(true, tcpPacket({ src: 40_000, dst: 2775, flags: PSH_ACK, payload: Buffer.from('fgh!'), seq: 3 })),
    ]);
    expect(tcpStreams(pcapTcpSegments(file), 2775).toServer.toString()).toBe('abcdefgh!');
  });
});
