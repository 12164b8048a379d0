export interface ChooseOptions {
  /** Shift: everything between the anchor and this item, added to the selection. */
  range?: boolean;
  /** Ctrl/Cmd, or a touch screen in selection mode: add or remove this one item. */
  toggle?: boolean;
}

/** The selection after a click, as in a file manager; `ordered` is the list as shown. */
export function nextSelection(
  current: ReadonlySet<string>,
  ordered: readonly string[],
  id: string,
  anchor: string | undefined,
  { range = false, toggle = false }: ChooseOptions
): ReadonlySet<string> {
  const next = new Set(range || toggle ? current : []);
  const from = anchor === undefined ? -1 : ordered.indexOf(anchor);
  const to = ordered.indexOf(id);
  if (range && from >= 0 && to >= 0) {
    for (const one of ordered.slice(Math.min(from, to), Math.max(from, to) + 1)) next.add(one);
  } else if (toggle && next.has(id)) {
    next.delete(id);
  } else {
    next.add(id);
  }
  return next;
}

export const selectionOf = (ids: Iterable<string>): ReadonlySet<string> => new Set(ids);
