/**
 * Interview answers without quotation marks: „Frau Pohl, warum …?“ ⏎ „Pohl: Viele Gebäude …“.
 * A paragraph that starts with the name of someone introduced before and a colon counts as the
 * interviewee's words inside an interview: after a question, or with the label repeated.
 */
import type { Registry } from './mentions';
import { markInQuote, type QuoteText } from './text';

const LABEL = /^(?:(?:Frau|Herr|Dr\.|Prof\.)\s+)*(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}):\s+(?=[\p{Lu}\d])/u;

/** The label („Pohl: “) of a paragraph, when it names a person known from the text. */
export function interviewLabel(paragraph: string, reg: Pick<Registry, 'people'>): string | null {
  const m = LABEL.exec(paragraph);
  if (!m) return null;
  const name = m[1]!;
  return reg.people.some((p) => !p.anonymous && (p.surname === name || p.name === name)) ? m[0] : null;
}

/** Adds a span for every interview answer (paragraphs without quotation marks). */
export function addInterviewSpans(doc: QuoteText, reg: Pick<Registry, 'people'>): void {
  const labels = doc.paras.map((p, pi) => (doc.spans[pi]!.length > 0 ? null : interviewLabel(doc.flat.slice(p.start, p.end), reg)));
  const count = new Map<string, number>();
  for (const l of labels) if (l) count.set(l, (count.get(l) ?? 0) + 1);
  doc.paras.forEach((p, pi) => {
    const label = labels[pi];
    if (!label) return;
    const prevText = pi > 0 ? doc.flat.slice(doc.paras[pi - 1]!.start, doc.paras[pi - 1]!.end).trim() : '';
    if (!prevText.endsWith('?') && (count.get(label) ?? 0) < 2) return;
    const textStart = p.start + label.length;
    doc.spans[pi]!.push({ para: pi, open: textStart, close: p.end, textStart, textEnd: p.end, closed: true, resumes: false, interview: true });
    doc.inQuote[pi] = markInQuote(doc.toks[pi]!, doc.spans[pi]!);
  });
}
