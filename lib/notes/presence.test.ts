import { describe, expect, it } from 'vitest';
import { editingLabel, summarizePresence } from './presence';

describe('summarizePresence', () => {
  it('counts each person once and only editors as editing', () => {
    const s = summarizePresence([
      { user: { id: 'a', name: 'Ann', color: '#000', readOnly: false } },
      { user: { id: 'a', name: 'Ann', color: '#000', readOnly: true } },
      { user: { id: 'b', name: 'Bo', color: '#111', readOnly: true } },
      { cursor: null },
      null,
    ]);
    expect(s.people.map((p) => p.id)).toEqual(['a', 'b']);
    expect(s.editing).toBe(1);
    expect(editingLabel(s.editing)).toBe('1 person editing');
    expect(editingLabel(2)).toBe('2 people editing');
  });
});
