/** Channels and events of the import area (issue: import of press material). */
export const importChannels = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ImportEvents {}
