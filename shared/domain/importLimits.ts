/**
 * Bounds of one drag-and-drop import (issue 3 §4): dropped files travel over IPC as base64, so
 * the window checks them before reading and the service checks them again. No zod here: the
 * renderer imports this module.
 */
export const DROP_LIMITS = {
  maxFiles: 200,
  maxFileBytes: 50 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
} as const;
