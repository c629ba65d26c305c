/**
 * Step 4 of quote extraction: the organisation a speaker speaks for when the attribution names
 * only a role („Ministerin“ in a ministry's release) or refers back to a body named before
 * („Geschäftsführer des Instituts“ → „Institut für Sozialforschung …“).
 */
import { PLACE_NOUN, roleHead } from '../germanLexicon';

function stemPrefix(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n >= 4;
}

/**
 * A role without a named organisation speaks for the publisher when the publisher is the body
 * the role belongs to: the minister whose portfolio the ministry's name covers
 * („Wohnungsbauminister“ ↔ „Ministerium für … Wohnen …“), a mayor or councillor of the city
 * that publishes, a spokesperson of the publisher.
 */
export function impliedOrganisation(role: string | null, head: string | null, publisher: string | null | undefined): string | null {
  if (!role || !publisher) return null;
  const pub = publisher.trim();
  const h = head ?? roleHead(role.split(' ').pop() ?? '')?.head ?? null;
  if (!h) return null;
  const pubWords = pub.split(/[\s,]+/u).filter((x) => /^\p{L}{4,}$/u.test(x) && !/^(ministerium|bundesministerium|ministeriums|senatsverwaltung|senator|senatorin|behörde|und|für)$/iu.test(x) && !/isch(e|es|er)?$/u.test(x));
  // Berlin, Hamburg and Bremen: senators head a Senatsverwaltung, a Behörde or „Der Senator für …“.
  const ministry = /ministerium|staatskanzlei|senatsverwaltung|^(die\s+|der\s+)?senator(in)?\s+für|^behörde\s+für/iu.test(pub);
  const city = /^(stadt|magistrat|landeshauptstadt|gemeinde|universitätsstadt|wissenschaftsstadt|kreisstadt|landkreis|kreis|bezirksamt)\b/iu.test(pub);
  // A state secretary is an office inside a ministry: in a ministry's release, of that ministry.
  if (h === 'staatssekretär' && ministry) return pub;
  if ((h === 'minister' || h === 'senator') && ministry) {
    const words = role.split(/\s+/u);
    const portfolio: string[] = [];
    const compound = words.find((x) => x.toLowerCase().includes(h));
    if (compound) {
      let prefix = compound.slice(0, compound.toLowerCase().indexOf(h)).replace(/s$/u, '');
      prefix = prefix.replace(/^(bundes|landes|staats)/iu, '') || prefix;
      if (prefix.length >= 3) portfolio.push(prefix);
    }
    const fuer = words.indexOf('für');
    if (fuer >= 0) portfolio.push(...words.slice(fuer + 1).filter((x) => /^\p{Lu}/u.test(x)));
    const related = (p: string, q: string) => stemPrefix(p, q) || q.toLowerCase().startsWith(p.toLowerCase());
    if (portfolio.some((p) => pubWords.some((q) => related(p, q)))) return pub;
    // A title without a portfolio („Senatorin“, „Ministerin“) in the release of one authority.
    if (portfolio.length === 0 && words.length === 1 && words[0]!.toLowerCase().replace(/in$/u, '') === h) return pub;
    return null;
  }
  if (/^(bürgermeister|dezernent|stadtrat|beigeordnete|beigeordneter|kämmerer)$/u.test(h) && /^(stadt|magistrat|landeshauptstadt|gemeinde|universitätsstadt|wissenschaftsstadt|kreisstadt|bezirksamt)\b/iu.test(pub)) return pub;
  if (h === 'landrat' && /(landkreis|kreis)\b/iu.test(pub)) return pub;
  // Office-holders of the body that publishes (its director, board, spokesperson) speak for it;
  // in releases of a ministry or a city these titles may belong to guests, so not there.
  if (/^(leiter|geschäftsführer|vorstand|vorsitzende|vorsitzender|direktor|sprecher|abteilungsleiter|manager|chef)$/u.test(h) && !ministry && !city) return pub;
  return null;
}

/**
 * A definite description refers back to a name given before: „Geschäftsführer des Instituts“
 * after „vom Institut für Sozialforschung und Gesellschaftspolitik“ → the full name.
 */
export function namedEarlier(organisation: string, before: string): string {
  if (!/^\p{Lu}[\p{L}-]+$/u.test(organisation)) return organisation;
  const esc = organisation.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  // „der Fraktion“ after „die SPD-Fraktion im Landtag …“: the compound's modifier belongs to the name.
  const re = new RegExp(
    `(?<![\\p{L}-])((?:[\\p{L}\\d]+-)?${esc})(?![\\p{L}])(?:\\s+(?:(für|der|des|zur|zum|am|im)\\s+)?(\\p{Lu}[\\p{L}-]*)(?:\\s+(?:und\\s+|für\\s+)?\\p{Lu}[\\p{L}-]*)*)?`,
    'gu',
  );
  let last: string | null = null;
  for (const m of before.matchAll(re)) {
    // A complement that only locates the body („das Jugendzentrum im Stadtteil Lamboy“, „der
    // Mieterbeirat der Siedlung …“) is a description, not part of its name.
    const located = m[3] !== undefined && m[2] !== undefined && PLACE_NOUN.test(m[3]);
    const full = m[3] !== undefined && !located ? m[0] : m[1]!;
    // The latest description wins; a bare mention („das Institut“) neither names nor locates.
    if (located) last = null;
    else if (full !== organisation) last = full;
  }
  return last ?? organisation;
}
