export interface VersionNode {
  id: string;
  parentId: string | null;
  createdAt: number;
}

/** Versions in depth-first order with their depth, oldest branch first: the order a tree view lists them. */
export function versionTree<T extends VersionNode>(versions: readonly T[]): { version: T; depth: number }[] {
  const children = new Map<string | null, T[]>();
  const ids = new Set(versions.map((version) => version.id));
  for (const version of versions) {
    const parent = version.parentId && ids.has(version.parentId) ? version.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), version]);
  }
  const ordered: { version: T; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const version of (children.get(parent) ?? []).sort((a, b) => a.createdAt - b.createdAt)) {
      ordered.push({ version, depth });
      visit(version.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}
