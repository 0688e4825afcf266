/**
 * The team page's form parts: a labelled input or text area whose validation message is an
 * already resolved Message (key + parameters), announced with the control (aria-invalid,
 * aria-describedby), like renderer/components/fields.tsx; and the submit row.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from './syncStatusText.ts';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: Message | undefined;
  hint?: ReactNode;
  type?: 'text' | 'password' | 'url';
  multiline?: boolean;
  autoComplete?: string;
}

export function TeamField({
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  multiline,
  autoComplete,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  const a11y = {
    id,
    'aria-invalid': Boolean(error),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...a11y}
          rows={4}
          dir="ltr"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          {...a11y}
          type={type}
          dir={type === 'text' ? 'auto' : 'ltr'}
          autoComplete={autoComplete}
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {t(error.key, error.params)}
        </div>
      ) : null}
    </div>
  );
}

/** A team form's submit button (busy while its action runs) and the failure of the last try. */
export function SubmitRow({
  busy,
  label,
  busyLabel,
  failure,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  failure: Message | null;
}) {
  return (
    <>
      <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
        {busy ? busyLabel : label}
      </button>
      <FailureMessage failure={failure} />
    </>
  );
}

/** Why the last attempt failed, announced (nothing when it did not). */
export function FailureMessage({ failure }: { failure: Message | null }) {
  const { t } = useTranslation();
  return failure ? (
    <p role="alert" className="field-error">
      {t(failure.key, failure.params)}
    </p>
  ) : null;
}
