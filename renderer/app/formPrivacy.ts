/**
 * Keeps what is typed into the page out of the browser's own files. Chromium saves the values of
 * form controls into its session files (to restore a tab) and into its autofill database — both
 * outside the encrypted profile — unless a control says `autocomplete="off"`. Rather than trust
 * every control to say so, this marks each one as it appears (password fields too: a passphrase
 * has no place in a browser's password store).
 */
const CONTROLS = 'input, textarea, select';

function mark(root: ParentNode): void {
  for (const control of root.querySelectorAll<HTMLElement>(CONTROLS))
    if (control.getAttribute('autocomplete') !== 'off') control.setAttribute('autocomplete', 'off');
}

export function keepFormsPrivate(root: HTMLElement): () => void {
  mark(root);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations)
      for (const node of mutation.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        if (node.matches(CONTROLS)) node.setAttribute('autocomplete', 'off');
        mark(node);
      }
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
