import type { SearchHint } from '../../shared/search/searchHints';

const q = (word: string) => `„${word}“`;

/** The command line speaks German: the search's hint codes in words (the window uses its i18n catalogue). */
export function searchHintText(hints: readonly SearchHint[] | undefined): string | null {
  if (!hints?.length) return null;
  return hints
    .map((h) => {
      switch (h.code) {
        case 'query-too-long':
          return `Die Suchanfrage war sehr lang; nur die ersten ${h.max} Zeichen wurden verwendet.`;
        case 'quote-unclosed':
          return 'Ein Anführungszeichen war nicht geschlossen; der Rest wurde als Wortgruppe gesucht.';
        case 'too-many-words':
          return `Nur die ersten ${h.max} Suchwörter wurden verwendet.`;
        case 'stopwords-only':
          return 'Die Suchanfrage enthält nur sehr häufige Wörter (wie „und“, „der“); bitte ein aussagekräftiges Wort ergänzen.';
        case 'question-frame':
          return `Als Frage gelesen: ${h.words.map(q).join(', ')} ${h.words.length === 1 ? 'wurde' : 'wurden'} nicht gesucht.`;
        case 'index-building':
          return 'Der Suchindex wird gerade aufgebaut; noch nicht alle Dokumente sind auffindbar.';
        case 'empty-query':
          return 'Bitte einen Suchbegriff eingeben.';
        case 'fuzzy':
          return `Keine genauen Treffer für ${q(h.word)} – ähnliche Schreibweisen wurden gesucht.`;
        case 'parts':
          return `${q(h.word)} kommt so nicht vor – gesucht wurde nach seinen Wortteilen.`;
        case 'not-found':
          return `${q(h.word)} wurde nicht gefunden.`;
        case 'partial-documents':
          return 'Kein Dokument enthält alle Suchwörter; gezeigt werden Dokumente mit den meisten davon.';
        case 'partial-quotes':
          return 'Keine Aussage enthält alle Suchwörter; gezeigt werden Aussagen mit den meisten davon.';
        case 'no-hits':
          return 'Keine Treffer. Weniger oder andere Wörter versuchen.';
      }
    })
    .join(' ');
}
