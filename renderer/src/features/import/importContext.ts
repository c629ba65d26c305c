import { createContext } from 'react';
import type { DocumentKind } from '../../../../shared/domain/document';
import type { ImportReport } from '../../../../shared/domain/import';

export interface ImportActions {
  /** An import is under way (buttons are disabled meanwhile). */
  busy: boolean;
  /** Opens the file dialog of main and imports the chosen files; null if nothing was chosen or it failed. */
  chooseFiles(kind?: DocumentKind): Promise<ImportReport | null>;
  /** Opens the folder dialog of main and imports the folder. */
  chooseFolder(kind?: DocumentKind): Promise<ImportReport | null>;
  /** Imports files dropped onto the window (their bytes). */
  importFiles(files: File[]): Promise<ImportReport | null>;
}

export const ImportContext = createContext<ImportActions>({
  busy: false,
  chooseFiles: async () => null,
  chooseFolder: async () => null,
  importFiles: async () => null,
});
