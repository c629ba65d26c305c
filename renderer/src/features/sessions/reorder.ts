/** Moves `id` to index `to` of the list without it (the drop slot); other entries keep their order. */
export function moveTo(ids: readonly string[], id: string, to: number): string[] {
  const rest = ids.filter((x) => x !== id);
  const at = Math.max(0, Math.min(to, rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** Moves `id` one place up (-1) or down (+1); the same list when it is already at that end. */
export function moveBy(ids: readonly string[], id: string, delta: -1 | 1): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  return moveTo(ids, id, from + delta);
}

/**
 * The drop slot for a drag over the row at `overIndex`: before it in the upper half, after it in
 * the lower half, counted in the list without the dragged entry.
 */
export function dropSlot(ids: readonly string[], dragged: string, overIndex: number, after: boolean): number {
  const from = ids.indexOf(dragged);
  let slot = overIndex + (after ? 1 : 0);
  if (from >= 0 && from < slot) slot -= 1;
  return slot;
}

export const sameOrder = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
