/**
 * The state every team form keeps: its fields, the checks' findings per field, the failure of
 * the last attempt, and whether one runs. `submit` checks first and acts only on clean fields;
 * a failure is kept as a message to show (the fields stay as typed); an action that answers
 * `'clear'` empties the fields.
 */
import { useState, type FormEvent } from 'react';
import { hasErrors, type FieldErrors } from './formChecks.ts';
import { errorMessage, type Message } from './syncStatusText.ts';

export function useCheckedForm<F extends string>(
  initial: Record<F, string>,
  check: (fields: Record<F, string>) => FieldErrors<F>,
  act: (fields: Record<F, string>) => Promise<'clear' | undefined>,
) {
  const [fields, setFields] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [failure, setFailure] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: F) => (value: string) => setFields((f) => ({ ...f, [field]: value }));

  const submit = async () => {
    const found = check(fields);
    setErrors(found);
    setFailure(null);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      if ((await act(fields)) === 'clear') setFields(initial);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void submit();
  };

  return { fields, errors, failure, busy, set, onSubmit };
}
