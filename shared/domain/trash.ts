/** Days a document stays in the trash before it is deleted for good (issue 15). No zod here: the renderer imports it. */
export const TRASH_RETENTION_DAYS = 30;
