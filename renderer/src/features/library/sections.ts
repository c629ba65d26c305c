import type { DocumentKind, DocumentListQuery } from '../../../../shared/domain/document';

/** The places of the main navigation, in the order of the sidebar. */
export const SECTIONS = ['library', 'leitbilder', 'press', 'quotes', 'sessions', 'tags', 'trash', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

/** The i18n key of a section's name (issue 15's sections keep their texts in their own blocks). */
export function sectionLabelKey(section: Section): string {
  return section === 'tags' || section === 'trash' ? `${section}.nav` : `nav.${section}`;
}

/** Sections that show a document list, and the kinds each one offers. */
export const LIST_SECTIONS = ['library', 'leitbilder', 'press'] as const;
export type ListSection = (typeof LIST_SECTIONS)[number];

export function isListSection(section: Section): section is ListSection {
  return (LIST_SECTIONS as readonly string[]).includes(section);
}

const PRESS_KINDS: DocumentKind[] = ['press_release', 'speech', 'statement'];
/** Every kind, in the order the filter offers them (the contract's list; imported as a type only to keep zod out of the bundle). */
export const ALL_KINDS: readonly DocumentKind[] = ['leitbild', 'press_release', 'speech', 'statement', 'protocol', 'note'];

/** Kinds the user can filter by in a section; an empty list means no kind filter is shown. */
export const FILTERABLE_KINDS: Record<ListSection, DocumentKind[]> = {
  library: [...ALL_KINDS],
  leitbilder: [],
  press: PRESS_KINDS,
};

export type SortField = 'date' | 'title' | 'kind';
export type SortOrder = 'asc' | 'desc';

/** What a list remembers while a document is open: order, filter and the selected row. */
export interface ListViewState {
  sort: SortField;
  order: SortOrder;
  kind: DocumentKind | null;
  /** Only documents with this tag (from the tag view), or null. */
  tag: string | null;
  activeIndex: number;
}

export const DEFAULT_VIEW_STATE: ListViewState = { sort: 'date', order: 'desc', kind: null, tag: null, activeIndex: -1 };

/** Most useful direction for each field: newest first, titles and kinds A to Z. */
export function defaultOrderFor(sort: SortField): SortOrder {
  return sort === 'date' ? 'desc' : 'asc';
}

export type PageQuery = Omit<DocumentListQuery, 'offset' | 'limit'>;

/** The `documents.list` query of a section (Pressematerial uses the `kinds` filter). */
export function queryFor(section: ListSection, view: ListViewState): PageQuery {
  const base: PageQuery = view.tag ? { sort: view.sort, order: view.order, tag: view.tag } : { sort: view.sort, order: view.order };
  switch (section) {
    case 'library':
      return view.kind ? { ...base, kind: view.kind } : base;
    case 'leitbilder':
      return { ...base, kind: 'leitbild' };
    case 'press':
      return view.kind && PRESS_KINDS.includes(view.kind) ? { ...base, kind: view.kind } : { ...base, kinds: PRESS_KINDS };
  }
}
