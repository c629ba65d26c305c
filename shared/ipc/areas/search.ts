import { z } from 'zod';
import { documentKindSchema, type DocumentKind } from '../../domain/document';
import { out } from '../out';
import type { SearchHint } from '../../search/searchHints';

/** Channels and events of the search area (issue: German full-text search). */

export const searchFiltersSchema = z
  .object({
    kinds: z.array(documentKindSchema).max(10).optional(),
    yearFrom: z.number().int().min(1000).max(9999).optional(),
    yearTo: z.number().int().min(1000).max(9999).optional(),
    tags: z.array(z.string().max(200)).max(50).optional(),
    people: z.array(z.string().max(300)).max(50).optional(),
    organisations: z.array(z.string().max(500)).max(50).optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof searchFiltersSchema>;

export const searchQuerySchema = z
  .object({
    // Long input is accepted and shortened by the service with a hint, not refused.
    q: z.string().max(100_000),
    limit: z.number().int().min(1).max(200).optional(),
    offset: z.number().int().min(0).max(100_000).optional(),
    filters: searchFiltersSchema.optional(),
    /** Search-as-you-type: the last word counts as the start of a word. */
    prefix: z.boolean().optional(),
  })
  .strict();
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** [start, end) offsets into `snippet` of a matched word (also stem or compound-part matches). */
export type HighlightRange = [number, number];

export interface SearchHit {
  id: string;
  externalId: string | null;
  title: string;
  kind: DocumentKind;
  date: string | null;
  score: number;
  /** Plain text around the best match; render as text, mark `highlights`. */
  snippet: string;
  highlights: HighlightRange[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  kinds: FacetCount[];
  years: FacetCount[];
  tags: FacetCount[];
  people: FacetCount[];
  organisations: FacetCount[];
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: SearchFacets;
  /** Notes for the person searching, as codes (typo fallback used, query shortened, index building …); the renderer words them. */
  hints?: SearchHint[];
  tookMs: number;
  /** Set while the index is being built and not every document is findable yet (see IndexStatus.building). */
  building?: IndexBuildProgress;
}

/** A build in progress: `done` of `total` documents indexed (the UI shows the share). */
export interface IndexBuildProgress {
  done: number;
  total: number;
}

export const quoteQuerySchema = z
  .object({
    q: z.string().max(100_000),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();
export type QuoteQuery = z.infer<typeof quoteQuerySchema>;

export interface QuoteHit {
  id: string;
  documentId: string;
  documentTitle: string;
  person: string | null;
  organisation: string | null;
  role: string | null;
  text: string;
  saidOn: string | null;
  score: number;
  snippet: string;
  highlights: HighlightRange[];
}

export interface QuoteResult {
  hits: QuoteHit[];
  total: number;
  hints?: SearchHint[];
  tookMs: number;
}

export interface IndexStatus {
  /** Segments currently searched (base + delta). */
  segments: number;
  /** Documents findable. */
  docCount: number;
  /** Saved changes not yet in the index. */
  pendingChanges: number;
  /**
   * Deleted documents whose traces are not yet gone from the stored index and the library's
   * -wal file (issue 7: deletion means deletion); 0 once they are.
   */
  pendingPurges: number;
  /**
   * Present while a build indexes documents that were not findable before (first build, a
   * rebuild after a pipeline change): it publishes them chunk by chunk, each chunk searchable
   * as soon as it is analysed.
   */
  building?: IndexBuildProgress;
}

export const searchChannels = {
  'search.query': { input: searchQuerySchema, output: out<SearchResult>() },
  'search.quotes': { input: quoteQuerySchema, output: out<QuoteResult>() },
} as const;

export interface SearchEvents {
  'index.updated': IndexStatus;
}
