import { describe, expect, it } from 'vitest';
import { nextSelection, selectionOf } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const pick = (current: string[], id: string, anchor: string | undefined, options = {}) =>
  [...nextSelection(selectionOf(current), order, id, anchor, options)].sort();

describe('nextSelection', () => {
  it('a plain click selects only that item', () => {
    expect(pick(['a', 'b'], 'c', 'a')).toEqual(['c']);
  });

  it('shift-click adds the range from the anchor, in either direction', () => {
    expect(pick(['b'], 'd', 'b', { range: true })).toEqual(['b', 'c', 'd']);
    expect(pick(['e'], 'c', 'e', { range: true })).toEqual(['c', 'd', 'e']);
  });

  it('toggle adds or removes one item', () => {
    expect(pick(['a'], 'c', 'a', { toggle: true })).toEqual(['a', 'c']);
    expect(pick(['a', 'c'], 'c', 'a', { toggle: true })).toEqual(['a']);
  });

  it('shift-click without an anchor just adds the item', () => {
    expect(pick([], 'b', undefined, { range: true })).toEqual(['b']);
  });
});
