/** Channels and events of the search area (issue: German full-text search). */
export const searchChannels = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SearchEvents {}
