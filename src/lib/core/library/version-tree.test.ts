import { describe, expect, it } from 'vitest';
import { versionTree } from './version-tree';

describe('versionTree', () => {
  it('lists a branching history depth first with depths, and treats orphans as roots', () => {
    const v = (id: string, parentId: string | null, createdAt: number) => ({ id, parentId, createdAt });
    const tree = versionTree([
      v('c', 'a', 3),
      v('a', null, 1),
      v('b', 'a', 2),
      v('d', 'b', 4),
      v('x', 'gone', 5)
    ]);
    expect(tree.map(({ version, depth }) => `${version.id}${depth}`)).toEqual(['a0', 'b1', 'd2', 'c1', 'x0']);
  });
});
