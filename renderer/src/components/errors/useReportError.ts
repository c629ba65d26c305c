import { useContext } from 'react';
import { ErrorContext, type ReportError } from './errorContext';

/** The function that shows an error in the app's polite message region. */
export function useReportError(): ReportError {
  return useContext(ErrorContext);
}
