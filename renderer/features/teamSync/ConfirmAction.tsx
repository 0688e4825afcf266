/**
 * A button for something that cannot be taken back (leaving a team, stopping folder sync): the
 * first press asks, in a labelled group, with the confirming button set apart as dangerous and a
 * way back.
 */
import { useState } from 'react';

export function ConfirmAction({
  label,
  groupLabel,
  question,
  yes,
  no,
  onConfirm,
}: {
  label: string;
  groupLabel: string;
  question: string;
  yes: string;
  no: string;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-label={groupLabel}>
      <p>{question}</p>
      <button type="button" className="danger" onClick={onConfirm}>
        {yes}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {no}
      </button>
    </div>
  );
}
