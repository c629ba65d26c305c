import type { KeyboardEvent } from 'react';

/**
 * Arrow-key movement inside a composite widget with a roving tabindex (WAI-ARIA APG tabs and
 * toolbar patterns, issue 15): the widget is one Tab stop; ←/→ (and ↑/↓ where `vertical`)
 * move among its enabled items, Home/End go to the first/last; wraps around.
 * Returns the item that took the focus, or null when the key was not one of these.
 */
export function moveRovingFocus(event: KeyboardEvent<HTMLElement>, itemSelector: string, vertical = false): HTMLElement | null {
  const next = vertical ? ['ArrowRight', 'ArrowDown'] : ['ArrowRight'];
  const prev = vertical ? ['ArrowLeft', 'ArrowUp'] : ['ArrowLeft'];
  const key = event.key;
  if (![...next, ...prev, 'Home', 'End'].includes(key) || event.altKey || event.ctrlKey || event.metaKey) return null;
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(itemSelector)).filter((el) => !el.matches(':disabled'));
  if (items.length === 0) return null;
  const at = items.indexOf(document.activeElement as HTMLElement);
  let index: number;
  if (key === 'Home') index = 0;
  else if (key === 'End') index = items.length - 1;
  else if (next.includes(key)) index = at < 0 ? 0 : (at + 1) % items.length;
  else index = at < 0 ? items.length - 1 : (at - 1 + items.length) % items.length;
  event.preventDefault();
  const target = items[index]!;
  target.focus();
  return target;
}
