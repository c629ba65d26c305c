import { useCallback, useEffect, useRef } from 'react';

type Target = () => HTMLElement | null | undefined;

/**
 * Focus that a change of the page took away (a control disabled while it works, a form replaced
 * by its result, a page closed) goes to a sensible place instead of `<body>` (WCAG 2.4.3,
 * issue 15). Ask with the element to go to; it is focused after the render that shows it
 * enabled, when focus was lost by then (or always, with `force`). A focus the user already moved
 * elsewhere is left alone. Works after React's commit, not on a timer: no race with the render.
 */
export function useFocusReturn(): (target: Target, options?: { force?: boolean }) => void {
  const pending = useRef<{ target: Target; force: boolean } | null>(null);
  useEffect(() => {
    const request = pending.current;
    if (!request) return;
    const element = request.target();
    if (!element || !element.isConnected || element.matches(':disabled')) return;
    pending.current = null;
    const active = document.activeElement;
    if (request.force || !active || active === document.body || !active.isConnected) element.focus();
  });
  return useCallback((target: Target, options?: { force?: boolean }) => {
    pending.current = { target, force: options?.force ?? false };
  }, []);
}

/** The heading of the page in the main region (made focusable for the moment), or the region. */
export function pageHeading(): HTMLElement | null {
  const heading = document.querySelector<HTMLElement>('#main h1');
  if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  return heading ?? document.getElementById('main');
}
