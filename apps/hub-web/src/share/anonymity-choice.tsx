/**
 * The anonymity choice of every submission form, with a plain statement of what others will see
 * (docs/access-policy.md: the true source stays in the access rules and the audit log only).
 */
export function AnonymityChoice({
  anonymous,
  onChange,
  verb,
  named,
}: {
  anonymous: boolean;
  onChange: (anonymous: boolean) => void;
  /** What the person does: "Share", "Report". */
  verb: 'Share' | 'Report';
  /** What others see when it is not anonymous. */
  named: string;
}) {
  return (
    <>
      <label className="inline">
        <input type="checkbox" checked={anonymous} onChange={(event) => onChange(event.target.checked)} /> {verb} anonymously
      </label>
      <p className="statement" data-testid="anonymity-statement">
        {anonymous
          ? `Others will see a pseudonym instead of your organisation’s name. The hub’s operators and your own organisation can still see who ${verb === 'Share' ? 'shared' : 'reported'} it.`
          : named}
      </p>
    </>
  );
}
