import { createContext } from 'react';

/** Reports an error to the app's message region; `actionKey` is the i18n key of what failed. */
export type ReportError = (error: unknown, actionKey: string) => void;

export const ErrorContext = createContext<ReportError>(() => {});
