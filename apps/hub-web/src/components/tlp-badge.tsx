import type { Tlp } from '../api/schema-types';

const LABELS: Record<Tlp, string> = { CLEAR: 'TLP:CLEAR', GREEN: 'TLP:GREEN', AMBER: 'TLP:AMBER', AMBER_STRICT: 'TLP:AMBER+STRICT', RED: 'TLP:RED' };

export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return <span className={`tlp tlp-${tlp.toLowerCase().replace('_', '-')}`}>{LABELS[tlp]}</span>;
}
