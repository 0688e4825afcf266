/**
 * Labelled form controls. Every control has a visible label tied to it, and a validation message
 * announced with it (aria-invalid + aria-describedby), so screen readers — and end-to-end tests —
 * find controls by their names as a person would.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldProps {
  label: string;
  /** i18n key of the validation message, if any. */
  error?: string | undefined;
  hint?: ReactNode;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ReactNode;
}

export function Field({ label, error, hint, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint ? (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={errorId} role="alert">
          {t(error)}
        </div>
      ) : null}
    </div>
  );
}

interface TextProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  type?: 'text' | 'date' | 'time' | 'url' | 'password';
  inputMode?: 'text' | 'decimal' | 'numeric' | 'url';
  list?: string;
  dir?: 'auto' | 'ltr';
  required?: boolean;
  autoComplete?: string;
  onBlur?: () => void;
}

export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  inputMode,
  list,
  dir = 'auto',
  required,
  autoComplete,
  onBlur,
}: TextProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(a11y) => (
        <input
          {...a11y}
          type={type}
          value={value}
          dir={dir}
          inputMode={inputMode}
          list={list}
          required={required}
          autoComplete={autoComplete}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      )}
    </Field>
  );
}

export function TextArea({
  label,
  value,
  onChange,
  error,
  rows = 5,
  onBlur,
}: Omit<TextProps, 'type'> & { rows?: number }) {
  return (
    <Field label={label} error={error}>
      {(a11y) => (
        <textarea
          {...a11y}
          value={value}
          rows={rows}
          dir="auto"
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      )}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  value,
  options,
  onChange,
  error,
}: {
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <Field label={label} error={error}>
      {(a11y) => (
        <select {...a11y} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
