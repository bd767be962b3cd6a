import { describe, expect, it } from 'vitest';
import { similarTitles } from './similar-titles';

const existing = [
  { title: 'Feature flags without the mess' },
  { title: 'Incident reviews people read' },
  { title: 'Testing in production' },
];

describe('similarTitles', () => {
  it('hints proposals that share most meaningful words', () => {
    expect(similarTitles('feature flag mess', existing)).toEqual([existing[0]]);
    expect(similarTitles('Incident review', existing)).toEqual([existing[1]]);
  });
  it('ignores stop words and unrelated titles', () => {
    expect(similarTitles('the and of', existing)).toEqual([]);
    expect(similarTitles('Kubernetes at home', existing)).toEqual([]);
  });
});
