/**
 * A modal dialog (the native `<dialog>`, so focus is trapped and the page behind is inert),
 * named by its heading. Escape asks the owner to cancel rather than closing behind its back.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal({
  labelledBy,
  onCancel,
  className,
  children,
}: {
  /** Id of the element that names the dialog. */
  labelledBy: string;
  onCancel: () => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      className={className}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
