/**
 * The draft a record form edits, held outside React's render cycle. A keystroke changes it at
 * once, so a save's echo (the stored record coming back from the database) arriving between the
 * keystroke and the next render still sees it. Deciding from state that an effect copies after
 * render lost typed text when an echo slipped in between.
 */
export class DraftHolder<D> {
  #draft: D;
  readonly #json: (draft: D) => string;

  constructor(draft: D, json: (draft: D) => string) {
    this.#draft = draft;
    this.#json = json;
  }

  get draft(): D {
    return this.#draft;
  }

  /** The person changed the draft; returns the new draft. */
  edit(patch: (draft: D) => D): D {
    this.#draft = patch(this.#draft);
    return this.#draft;
  }

  /**
   * The stored record changed to `stored`. A draft without unsaved edits — equal to what was last
   * saved (`savedJson`), or already equal to the stored record — follows it; a draft with edits
   * is kept. Returns whether the draft followed.
   */
  follow(stored: D, savedJson: string): boolean {
    const draftJson = this.#json(this.#draft);
    if (draftJson !== savedJson && draftJson !== this.#json(stored)) return false;
    this.#draft = stored;
    return true;
  }
}
