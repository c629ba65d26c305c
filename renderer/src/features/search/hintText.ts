import type { TFunction } from 'i18next';
import type { SearchHint } from '../../../../shared/search/searchHints';

/** The search's hint codes in the UI language (issue 15: services send codes, the renderer words them). */
export function hintText(t: TFunction, hints: readonly SearchHint[] | undefined): string | undefined {
  if (!hints?.length) return undefined;
  return hints
    .map((h) => {
      switch (h.code) {
        case 'query-too-long':
        case 'too-many-words':
          return t(`searchHints.${h.code}`, { max: h.max });
        case 'question-frame':
          return t('searchHints.question-frame', { count: h.words.length, words: h.words.map((word) => t('searchHints.quoted', { word })).join(', ') });
        case 'fuzzy':
        case 'parts':
        case 'not-found':
          return t(`searchHints.${h.code}`, { word: h.word });
        default:
          return t(`searchHints.${h.code}`);
      }
    })
    .join(' ');
}
