import { useContext } from 'react';
import { ImportContext, type ImportActions } from './importContext';

/** Import by dialog or dropped files; progress and report are shown by the ImportProvider. */
export function useImport(): ImportActions {
  return useContext(ImportContext);
}
