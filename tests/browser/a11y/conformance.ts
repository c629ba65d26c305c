import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

/** The WCAG 2.1 A and AA rules of axe-core: what BITV 2.0 / EN 301 549 asks of the renderer (issue 15). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const WIDE = { width: 1280, height: 800 } as const;
/** 1280 CSS px at 400 % zoom (WCAG 1.4.10 Reflow). */
export const NARROW = { width: 320, height: 640 } as const;
export const SCHEMES = ['light', 'dark'] as const;

/**
 * The rules whose outcome depends on the colours: all the dark theme changes (tokens.css swaps
 * colours only), so the dark pass runs these and the light pass runs every WCAG rule.
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** axe's violations on the page (or inside `scope`), one readable line per rule. */
export async function axeViolations(page: Page, scope?: string, rules?: string[]): Promise<string[]> {
  // Legacy mode runs axe.run() in the page itself: the renderer has no frames, and the default
  // mode opens a blank page for every run (most of the time of a run). Only violations are
  // collected in detail (axe's resultTypes), which is what is asserted.
  let builder = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
  builder = rules ? builder.withRules(rules) : builder.withTags(WCAG_TAGS);
  if (scope) builder = builder.include(scope);
  const result = await builder.analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.nodes.length}): ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} – ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`)
        .join(' | ')}`,
  );
}

/**
 * Reflow at the current viewport: the region (main, or an open dialog) does not scroll sideways,
 * and every control in it lies within the window or inside a container that scrolls on its own
 * (a wide data table may, WCAG 1.4.10's exception), so every action can be reached.
 */
export async function reflowProblems(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const region = document.querySelector<HTMLElement>(selector);
    if (!region) return [`${selector} fehlt`];
    const problems: string[] = [];
    if (region.scrollWidth > region.clientWidth + 1) {
      // Name the widest elements, so a failure says where to look.
      const wide = Array.from(region.querySelectorAll<HTMLElement>('*'))
        .filter((el) => el.getBoundingClientRect().right > region.getBoundingClientRect().right + 1)
        .slice(-3)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className)}`);
      problems.push(`${selector}: scrollWidth ${region.scrollWidth} > clientWidth ${region.clientWidth} (${wide.join(', ')})`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) problems.push(`document: scrollWidth ${document.documentElement.scrollWidth}`);
    const width = window.innerWidth;
    // Only a data table may scroll sideways in its own box (WCAG 1.4.10's exception for
    // two-dimensional content); a page, pane or form that does is a reflow failure.
    const isTableScroller = (el: Element): boolean => el.querySelector('table') !== null;
    const scrollsSideways = (el: HTMLElement): boolean => {
      const style = getComputedStyle(el);
      return style.overflowX !== 'visible' && style.textOverflow !== 'ellipsis' && el.scrollWidth > el.clientWidth + 1;
    };
    for (const el of Array.from(region.querySelectorAll<HTMLElement>('*'))) {
      // A text field scrolls its own line of text; a visually hidden label is 1 px by design.
      if (el.getBoundingClientRect().width <= 1 || el.closest('.visually-hidden') || el.matches('input, textarea, select')) continue;
      if (scrollsSideways(el) && !isTableScroller(el)) {
        problems.push(`${el.tagName.toLowerCase()}.${String(el.className)} scrollt seitlich (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    const insideTable = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== region; p = p.parentElement) if (scrollsSideways(p) && isTableScroller(p)) return true;
      return false;
    };
    const controls = region.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"]), [role="option"]');
    for (const el of Array.from(controls)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || el.closest('.visually-hidden')) continue;
      if ((box.left < -1 || box.right > width + 1) && !insideTable(el)) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        problems.push(`${el.tagName.toLowerCase()} „${name}“ liegt bei ${Math.round(box.left)}–${Math.round(box.right)} px`);
      }
    }
    return problems.slice(0, 8);
  }, scope);
}

/**
 * Scans the state the page is in now, in light and dark, wide and narrow: axe's WCAG 2.1 A/AA
 * rules, and at 320 px the reflow check. Returns every problem found (empty = conformant).
 * The viewport goes back to wide and the theme to light afterwards.
 */
export async function checkState(page: Page, name: string, options: { dialog?: Locator } = {}): Promise<string[]> {
  const problems: string[] = [];
  const scope = options.dialog ? 'dialog[open], [role="dialog"]' : 'main';
  for (const viewport of [WIDE, NARROW]) {
    await page.setViewportSize(viewport);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      // A dialog is scanned alone (the page behind it is inert and was scanned as a page).
      const rules = scheme === 'dark' ? COLOUR_RULES : undefined;
      for (const v of await axeViolations(page, options.dialog ? scope : undefined, rules)) problems.push(`${name} · ${scheme} · ${viewport.width} px · ${v}`);
    }
    if (viewport === NARROW) for (const p of await reflowProblems(page, scope)) problems.push(`${name} · Reflow 320 px · ${p}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(WIDE);
  return problems;
}
