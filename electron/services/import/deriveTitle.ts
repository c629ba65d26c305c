const SALUTATION =
  /^(sehr (geehrte|verehrte)|liebe|lieber|meine (sehr )?(verehrten|geehrten|lieben)?\s*(damen|herren)|verehrte|hochverehrte|exzellenz|exzellenzen|hochwürden|herr |frau |anrede|es gilt das gesprochene wort)/iu;

/** A title from the text when none is given: the first sentence that is not a salutation, shortened. */
export function deriveTitle(text: string, maxLength = 100): string | null {
  for (const para of text.split(/\n+/u)) {
    const p = para.trim();
    if (p.length < 15 || SALUTATION.test(p)) continue;
    const sentence = /^(.+?[.!?])(\s|$)/u.exec(p)?.[1] ?? p;
    if (SALUTATION.test(sentence)) continue;
    if (sentence.length <= maxLength) return sentence.replace(/[.]$/u, '');
    const cut = sentence.slice(0, maxLength);
    return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength * 0.6))}…`;
  }
  return null;
}
