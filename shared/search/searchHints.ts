/**
 * Notes of the search for the person searching, as codes and values (ARCHITECTURE §10.14,
 * issue 15): the services say what happened, the renderer says it in German or English
 * (`search.hints.*` in the i18n catalogues).
 */
export type SearchHint =
  | { code: 'query-too-long'; max: number }
  | { code: 'quote-unclosed' }
  | { code: 'too-many-words'; max: number }
  | { code: 'stopwords-only' }
  | { code: 'question-frame'; words: string[] }
  | { code: 'index-building' }
  | { code: 'empty-query' }
  | { code: 'fuzzy'; word: string }
  | { code: 'parts'; word: string }
  | { code: 'not-found'; word: string }
  | { code: 'partial-documents' }
  | { code: 'partial-quotes' }
  | { code: 'no-hits' };

export type SearchHintCode = SearchHint['code'];
