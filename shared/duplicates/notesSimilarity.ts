/**
 * How much two incidents' notes say the same thing. Each note becomes the set of its folded
 * words, each word weighted by how rare it is among all the notes searched (inverse document
 * frequency), so a shared district name or figure counts for more than "said" or "district".
 * Similarity is the weight of the shared words over the weight of the shorter note's words: a
 * note shortened by a second researcher still matches the long one in full.
 */
import { foldedWords } from './foldText.ts';

export interface NoteWords {
  /** Where the note's word ids (ascending) lie in NotesIndex.words: [start, end). */
  start: number;
  end: number;
  /** Sum of the weights of its words. */
  weight: number;
}

export interface NotesIndex {
  /** One entry per note, in the order added. */
  notes: NoteWords[];
  /** Every note's word ids, one after the other (one array: 100,000 small ones tax the GC). */
  words: Int32Array;
  /** Weight of each word id. */
  weights: Float64Array;
}

/** Collects notes one at a time (so a caller can pause between them), then weighs the words. */
export class NotesIndexer {
  private readonly ids = new Map<string, number>();
  private readonly frequency: number[] = [];
  private readonly words: number[] = [];
  private readonly ends: number[] = [];

  add(text: string): void {
    const mine: number[] = [];
    for (const word of foldedWords(text)) {
      let id = this.ids.get(word);
      if (id === undefined) {
        id = this.frequency.length;
        this.ids.set(word, id);
        this.frequency.push(0);
      }
      this.frequency[id]! += 1;
      mine.push(id);
    }
    mine.sort((x, y) => x - y);
    for (const id of mine) this.words.push(id);
    this.ends.push(this.words.length);
  }

  finish(): NotesIndex {
    const count = this.ends.length;
    // Smoothed so that a word in every note still weighs something in a set of two.
    const weights = Float64Array.from(this.frequency, (df) => Math.log(1 + count / df));
    const words = Int32Array.from(this.words);
    const notes = this.ends.map((end, i) => {
      const start = i === 0 ? 0 : this.ends[i - 1]!;
      let weight = 0;
      for (let k = start; k < end; k++) weight += weights[words[k]!]!;
      return { start, end, weight };
    });
    return { notes, words, weights };
  }
}

/** Index the words of `texts` (one per incident) at once. */
export function indexNotes(texts: readonly string[]): NotesIndex {
  const indexer = new NotesIndexer();
  for (const text of texts) indexer.add(text);
  return indexer.finish();
}

/** 0–1 similarity of two indexed notes; null when either is empty. */
export function notesSimilarity(a: NoteWords, b: NoteWords, index: NotesIndex): number | null {
  if (a.start === a.end || b.start === b.end) return null;
  const { words, weights } = index;
  let shared = 0;
  let i = a.start;
  let j = b.start;
  while (i < a.end && j < b.end) {
    const x = words[i]!;
    const y = words[j]!;
    if (x === y) {
      shared += weights[x]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return Math.min(1, shared / Math.min(a.weight, b.weight));
}
