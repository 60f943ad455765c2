import { OPERATOR_SEGMENTS, operatorFor } from './operator';

const number = (segment: string) => `+86${segment}${'12345678'.slice(0, 11 - segment.length)}`;

describe('operatorFor', () => {
  describe.each([
    ['CMCC', 'CMPP', ['134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '172', '178', '182', '183', '184', '187', '188', '195', '197', '198']],
    ['CUCC', 'SGIP', ['130', '131', '132', '145', '155', '156', '166', '175', '176', '185', '186', '196']],
    ['CTCC', 'SMGP', ['133', '149', '153', '173', '177', '180', '181', '189', '190', '191', '193', '199']],
    ['CBN', 'CMPP', ['192']],
  ])('%s over %s', (operator, protocol, segments) => {
    it.each(segments)('routes segment %s', (segment) => {
      expect(operatorFor(number(segment))).toEqual({ operator, protocol });
    });

    it('publishes exactly the DOMAIN §8 list', () => {
      expect([...OPERATOR_SEGMENTS[operator as keyof typeof OPERATOR_SEGMENTS]].sort()).toEqual([...segments].sort());
    });
  });

  it('assigns no segment to two operators', () => {
    const all = Object.values(OPERATOR_SEGMENTS).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([
    ['1700', 'CTCC'],
    ['1701', 'CTCC'],
    ['1702', 'CTCC'],
    ['1703', 'CMCC'],
    ['1704', 'CUCC'],
    ['1705', 'CMCC'],
    ['1706', 'CMCC'],
    ['1707', 'CUCC'],
    ['1708', 'CUCC'],
    ['1709', 'CUCC'],
    ['1710', 'CUCC'],
    ['1718', 'CUCC'],
  ])('routes virtual-operator segment %s to its host network %s', (segment, operator) => {
    expect(operatorFor(number(segment)).operator).toBe(operator);
  });

  it.each(['140', '141', '144', '146', '148', '154', '160', '174', '179', '194'])(
    'leaves unlisted mainland segment %s UNKNOWN, sent through the SMPP aggregator',
    (segment) => {
      expect(operatorFor(number(segment))).toEqual({ operator: 'UNKNOWN', protocol: 'SMPP' });
    },
  );

  it.each(['+862012345678', '+86138123456789', '+86'])('treats a +86 non-mobile %s as UNKNOWN', (e164) => {
    expect(operatorFor(e164).operator).toBe('UNKNOWN');
  });

  it.each(['+14155552671', '+447911123456', '+85251234567', '+85312345678', '+886912345678'])(
    'routes %s to an international SMPP aggregator',
    (e164) => {
      expect(operatorFor(e164)).toEqual({ operator: 'INTERNATIONAL', protocol: 'SMPP' });
    },
  );
});
