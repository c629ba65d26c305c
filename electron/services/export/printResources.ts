import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/** Unicode ranges of the font subsets in resources/fonts (as published with the fonts by Fontsource). */
const SUBSET_RANGES: Record<string, string> = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C4,U+2113,U+2C60-2C7F,U+A720-A7FF',
};

const FONT_FILE = /^source-serif-4-(latin|latin-ext)-(\d{3})-(normal|italic)\.woff2$/;

/** What every print template needs from resources/: the fonts as inline @font-face rules and the print CSS. */
export interface PrintResources {
  fontFaces: string;
  /** Hidden text in every face and subset: header and footer use fonts the body may not, and Chromium loads a face only once text needs it. */
  fontWarmup: string;
  css(name: 'print' | 'synopsis'): string;
}

const cache = new Map<string, PrintResources>();

/**
 * Fonts are inlined as data URLs: the print page loads nothing from disk or network (it runs with
 * JavaScript off and every request blocked), and Chromium embeds the subset it used into the PDF.
 */
export function loadPrintResources(resourcesDir: string): PrintResources {
  const cached = cache.get(resourcesDir);
  if (cached) return cached;
  const fontsDir = path.join(resourcesDir, 'fonts');
  let files: string[];
  try {
    files = fs.readdirSync(fontsDir).filter((f) => FONT_FILE.test(f)).sort();
  } catch (err) {
    throw new AppError('IO', `Schriften für den Druck fehlen (${fontsDir}): ${(err as Error).message}`);
  }
  if (files.length === 0) throw new AppError('IO', `Keine Schriften in ${fontsDir}.`);
  const fontFaces = files
    .map((f) => {
      const [, subset, weight, style] = FONT_FILE.exec(f)!;
      const data = fs.readFileSync(path.join(fontsDir, f)).toString('base64');
      // 600 also serves bold (700) so <strong> never gets a synthesised bold.
      const weights = weight === '600' ? '600 700' : weight;
      return `@font-face{font-family:'Source Serif 4';font-style:${style};font-weight:${weights};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${SUBSET_RANGES[subset!]};}`;
    })
    .join('\n');
  const cssCache = new Map<string, string>();
  const sample = 'Aa\u0100\u0141';
  const fontWarmup = `<div class="font-warmup" aria-hidden="true"><span>${sample}</span><span class="i">${sample}</span><span class="b">${sample}</span><span class="b i">${sample}</span></div>`;
  const res: PrintResources = {
    fontFaces,
    fontWarmup,
    css(name) {
      let css = cssCache.get(name);
      if (css === undefined) {
        const file = path.join(resourcesDir, 'print', `${name}.css`);
        try {
          css = fs.readFileSync(file, 'utf8');
        } catch (err) {
          throw new AppError('IO', `Druckvorlage fehlt (${file}): ${(err as Error).message}`);
        }
        cssCache.set(name, css);
      }
      return css;
    },
  };
  cache.set(resourcesDir, res);
  return res;
}
