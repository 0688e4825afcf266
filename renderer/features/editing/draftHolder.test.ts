import { describe, expect, it } from 'vitest';
import { DraftHolder } from './draftHolder.ts';

interface Draft {
  title: string;
  latitude: string;
}
const json = (d: Draft) => JSON.stringify(d);

describe('DraftHolder', () => {
  it('keeps text typed after a save when that save echoes back', () => {
    const holder = new DraftHolder<Draft>({ title: '', latitude: '' }, json);
    // The title is typed and saved.
    const saved = holder.edit((d) => ({ ...d, title: 'Raid in Kunduz' }));
    const savedJson = json(saved);
    // The latitude is typed before the save's echo arrives (no render in between).
    holder.edit((d) => ({ ...d, latitude: '91' }));
    expect(holder.follow(saved, savedJson)).toBe(false);
    expect(holder.draft).toEqual({ title: 'Raid in Kunduz', latitude: '91' });
  });

  it('follows a change made elsewhere while nothing is unsaved', () => {
    const holder = new DraftHolder<Draft>({ title: 'Raid', latitude: '' }, json);
    const savedJson = json(holder.draft);
    const undone = { title: '', latitude: '' };
    expect(holder.follow(undone, savedJson)).toBe(true);
    expect(holder.draft).toBe(undone);
  });

  it('follows a stored record that already equals the draft', () => {
    const holder = new DraftHolder<Draft>({ title: '', latitude: '' }, json);
    holder.edit((d) => ({ ...d, title: 'Arrest' }));
    const stored = { title: 'Arrest', latitude: '' };
    expect(holder.follow(stored, json({ title: '', latitude: '' }))).toBe(true);
    expect(holder.draft).toBe(stored);
  });
});
