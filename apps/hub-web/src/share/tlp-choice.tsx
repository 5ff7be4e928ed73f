import type { Tlp } from '../api/schema-types';

/** Every TLP 2.0 marking, from the widest to the narrowest audience. */
export const TLP_ORDER: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

export const TLP_MEANING: Record<Tlp, string> = {
  CLEAR: 'anyone, also outside the hub',
  GREEN: 'every member of the hub community',
  AMBER: 'your organisation and the organisations you name',
  AMBER_STRICT: 'your organisation only',
  RED: 'the people you name only',
};

/** The TLP of a submission, with who may read it in words. */
export function TlpChoice({ id, value, onChange }: { id: string; value: Tlp; onChange(tlp: Tlp): void }) {
  return (
    <>
      <label htmlFor={id}>TLP</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Tlp)} aria-describedby={`${id}-meaning`}>
        {TLP_ORDER.map((tlp) => (
          <option key={tlp} value={tlp}>
            TLP:{tlp.replace('_', '+')}
          </option>
        ))}
      </select>
      <span id={`${id}-meaning`}>Who may read it: {TLP_MEANING[value]}.</span>
    </>
  );
}
