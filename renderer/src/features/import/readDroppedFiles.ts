import { DROP_LIMITS } from '../../../../shared/domain/importLimits';
import { ApiError } from '../../lib/api';

export interface DroppedFileData {
  name: string;
  dataBase64: string;
}

const MB = 1024 * 1024;

/** Checks the bounds of one drop before anything is read (the service checks them again). */
export function checkDropLimits(files: File[]): void {
  if (files.length > DROP_LIMITS.maxFiles) {
    throw new ApiError('TOO_LARGE', `Es wurden ${files.length} Dateien abgelegt; höchstens ${DROP_LIMITS.maxFiles} auf einmal.`);
  }
  const big = files.find((f) => f.size > DROP_LIMITS.maxFileBytes);
  if (big) {
    throw new ApiError('TOO_LARGE', `„${big.name}“ ist ${Math.round(big.size / MB)} MB groß; abgelegte Dateien dürfen höchstens ${DROP_LIMITS.maxFileBytes / MB} MB groß sein.`);
  }
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > DROP_LIMITS.maxTotalBytes) {
    throw new ApiError('TOO_LARGE', `Die abgelegten Dateien sind zusammen ${Math.round(total / MB)} MB groß; höchstens ${DROP_LIMITS.maxTotalBytes / MB} MB auf einmal.`);
  }
}

/** The bytes of a dropped file as base64 (FileReader's data URL, without its prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new ApiError('IO', `„${file.name}“ konnte nicht gelesen werden.`));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

export async function readDroppedFiles(files: File[]): Promise<DroppedFileData[]> {
  checkDropLimits(files);
  const out: DroppedFileData[] = [];
  for (const file of files) out.push({ name: file.name, dataBase64: await readBase64(file) });
  return out;
}

/** Files of a drop; folders are left out (they have no bytes to read) and counted. */
export function filesOfDrop(data: DataTransfer): { files: File[]; folders: number } {
  const files: File[] = [];
  let folders = 0;
  const items = Array.from(data.items ?? []);
  if (items.length > 0) {
    for (const item of items) {
      if (item.kind !== 'file') continue;
      const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
      if (entry?.isDirectory) {
        folders++;
        continue;
      }
      const file = item.getAsFile();
      if (file) files.push(file);
    }
    return { files, folders };
  }
  return { files: Array.from(data.files ?? []), folders };
}
