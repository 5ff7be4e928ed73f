import type { SightingType } from '../api/schema-types';

const CHOICES: { value: SightingType; label: string }[] = [
  { value: 'SIGHTING', label: 'Seen: it was in our traffic or on our systems' },
  { value: 'FALSE_POSITIVE', label: 'False positive: it matched something harmless (its source is alerted)' },
  { value: 'EXPIRATION', label: 'Expired: it is no longer in use' },
];

/** What the sighting says: seen, a false positive (its source is alerted), or expired. */
export function SightingTypeChoice({ value, onChange }: { value: SightingType; onChange: (value: SightingType) => void }) {
  return (
    // One choice a line: each is a sentence.
    <fieldset className="share">
      <legend>What happened</legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className="inline">
          <input type="radio" name="sighting-type" value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} /> {choice.label}
        </label>
      ))}
    </fieldset>
  );
}
