/**
 * A text field read with its annotated passages highlighted (one `<mark>` per run, pointing to
 * its threads with aria-details) — the text as stored, character for character, so a selection
 * in it is a range of the field's text. Selecting a passage offers to annotate it.
 */
import { useEffect, useMemo, useRef } from 'react';
import { runsOf, type PassagePlace } from '../../../shared/review/passages.ts';
import { passageElementId, threadElementId } from './useReview.ts';

interface Props {
  text: string;
  label: string;
  places: ReadonlyMap<string, PassagePlace>;
  /** Called with the selected range of the text, or null when nothing in it is selected. */
  onSelect: (range: { start: number; end: number } | null) => void;
  /** The thread whose passage is shown as the current one. */
  current?: string | null;
}

export function PassageText({ text, label, places, onSelect, current }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const runs = useMemo(() => {
    const ranges = new Map<string, { start: number; end: number }>();
    for (const [id, place] of places) if (place.range) ranges.set(id, place.range);
    return runsOf(text.length, ranges);
  }, [text, places]);

  useEffect(() => {
    const onChange = () => {
      const element = container.current;
      const selection = document.getSelection();
      if (!element || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
        onSelect(null);
        return;
      }
      const range = selection.getRangeAt(0);
      if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) {
        onSelect(null);
        return;
      }
      const start = offsetWithin(element, range.startContainer, range.startOffset);
      const end = offsetWithin(element, range.endContainer, range.endOffset);
      onSelect(end > start ? { start, end } : null);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [onSelect]);

  const firstRunOf = new Set<string>();
  return (
    <div ref={container} className="passage-text" dir="auto" role="document" aria-label={label}>
      {runs.map((run) => {
        const slice = text.slice(run.start, run.end);
        if (run.ids.length === 0) return slice;
        const starts = run.ids.find((id) => !firstRunOf.has(id));
        for (const id of run.ids) firstRunOf.add(id);
        return (
          <mark
            key={run.start}
            id={starts ? passageElementId(starts) : undefined}
            className={run.ids.includes(current ?? '') ? 'passage current' : 'passage'}
            aria-details={run.ids.map(threadElementId).join(' ')}
            data-threads={run.ids.length}
            tabIndex={starts ? -1 : undefined}
            onClick={() => {
              const card = document.getElementById(threadElementId(run.ids[0]!));
              card?.scrollIntoView({ block: 'nearest' });
              card?.focus();
            }}
          >
            {slice}
          </mark>
        );
      })}
    </div>
  );
}

/** The offset in `root`'s text of a point given as a DOM node and offset inside it. */
function offsetWithin(root: Node, node: Node, offset: number): number {
  const before = document.createRange();
  before.selectNodeContents(root);
  before.setEnd(node, offset);
  return before.toString().length;
}
