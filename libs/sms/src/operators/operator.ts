export type Operator = 'CMCC' | 'CUCC' | 'CTCC' | 'CBN' | 'INTERNATIONAL' | 'UNKNOWN';
export type CarrierProtocol = 'CMPP' | 'SGIP' | 'SMGP' | 'SMPP';

export interface OperatorRoute {
  operator: Operator;
  protocol: CarrierProtocol;
}

/** Three-digit number segments per DOMAIN.md §8. */
export const OPERATOR_SEGMENTS: Readonly<Record<'CMCC' | 'CUCC' | 'CTCC' | 'CBN', readonly string[]>> = {
  CMCC: ['134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '172', '178', '182', '183', '184', '187', '188', '195', '197', '198'],
  CUCC: ['130', '131', '132', '145', '155', '156', '166', '175', '176', '185', '186', '196'],
  CTCC: ['133', '149', '153', '173', '177', '180', '181', '189', '190', '191', '193', '199'],
  CBN: ['192'],
};

/**
 * Virtual-operator (MVNO) segments. Their traffic rides the host network, so they route to the host's gateway:
 * 170 by its 4th digit (1700–1702 China Telecom, 1703/1705/1706 China Mobile, 1704/1707–1709 China Unicom),
 * and 171 is wholly China Unicom.
 */
export const VIRTUAL_OPERATOR_SEGMENTS: Readonly<Record<string, 'CMCC' | 'CUCC' | 'CTCC'>> = {
  '1700': 'CTCC',
  '1701': 'CTCC',
  '1702': 'CTCC',
  '1703': 'CMCC',
  '1704': 'CUCC',
  '1705': 'CMCC',
  '1706': 'CMCC',
  '1707': 'CUCC',
  '1708': 'CUCC',
  '1709': 'CUCC',
  '171': 'CUCC',
};

/**
 * Native gateway protocol per operator. China Broadnet shares China Mobile's network and SMS gateways, so
 * it speaks CMPP; international and unclassified numbers go to an SMPP 3.4 aggregator, which accepts any number.
 */
export const OPERATOR_PROTOCOL: Readonly<Record<Operator, CarrierProtocol>> = {
  CMCC: 'CMPP',
  CUCC: 'SGIP',
  CTCC: 'SMGP',
  CBN: 'CMPP',
  INTERNATIONAL: 'SMPP',
  UNKNOWN: 'SMPP',
};

const bySegment = new Map<string, Operator>();
for (const [operator, segments] of Object.entries(OPERATOR_SEGMENTS)) {
  for (const segment of segments) bySegment.set(segment, operator as Operator);
}

/**
 * Operator and protocol for a normalised E.164 number (`parsePhoneNumber(...).e164`). Any calling code other
 * than +86 is INTERNATIONAL; a +86 number outside the known mobile segments is UNKNOWN.
 */
export function operatorFor(e164: string): OperatorRoute {
  const route = (operator: Operator): OperatorRoute => ({ operator, protocol: OPERATOR_PROTOCOL[operator] });
  if (!e164.startsWith('+86')) return route('INTERNATIONAL');
  const national = e164.slice(3);
  if (!/^1\d{10}$/.test(national)) return route('UNKNOWN');
  const operator =
    VIRTUAL_OPERATOR_SEGMENTS[national.slice(0, 4)] ??
    VIRTUAL_OPERATOR_SEGMENTS[national.slice(0, 3)] ??
    bySegment.get(national.slice(0, 3)) ??
    'UNKNOWN';
  return route(operator);
}
