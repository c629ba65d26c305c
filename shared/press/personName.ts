import { normalizeLine } from '../text/normalizeText';
import { HONORIFICS, roleHead } from './germanLexicon';

/**
 * Identity of people and organisations: the same person with and without title („Dr.“, „Prof.“,
 * „Staatsministerin“) is one person, so keys drop titles and role words; case, spacing and
 * Unicode form never make two people.
 */
export function splitHonorifics(name: string): { name: string; honorific: string | null } {
  const tokens = normalizeLine(name).split(' ').filter(Boolean);
  const titles: string[] = [];
  while (tokens.length > 1) {
    const t = tokens[0]!;
    const lower = t.toLowerCase();
    if (HONORIFICS.has(lower) || /^(dr|prof)\.[\p{L}.-]*$/iu.test(t) || (roleHead(t) && /^\p{Lu}/u.test(t))) {
      titles.push(t);
      tokens.shift();
    } else break;
  }
  // "Prof. Dr." keeps academic titles only; courtesy forms and role words are not honorifics.
  const academic = titles.filter((t) => /^(dr|prof|dipl|mag|pd|priv)/iu.test(t) || /^h\.c\.$/iu.test(t));
  return { name: tokens.join(' '), honorific: academic.length ? academic.join(' ') : null };
}

export function personKey(name: string): string {
  return splitHonorifics(name)
    .name.normalize('NFC')
    .toLowerCase()
    .replace(/[.,;:]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Last name, with its particles: „Julia von der Heide“ → „von der Heide“. */
export function surnameOf(name: string): string {
  const parts = splitHonorifics(name).name.split(' ');
  const particle = parts.findIndex((p, i) => i > 0 && i < parts.length - 1 && /^\p{Ll}/u.test(p));
  if (particle > 0) return parts.slice(particle).join(' ');
  return parts[parts.length - 1] ?? '';
}

export function organisationKey(name: string): string {
  let k = normalizeLine(name)
    .toLowerCase()
    .replace(/\be\.\s*v\b\.?/gu, 'e.v.')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[,;:]+$/u, '');
  if (!k.endsWith('e.v.')) k = k.replace(/\.+$/u, '');
  return k;
}
