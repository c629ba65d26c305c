/** The last part of a path, for either separator (paths come from main, any platform). */
export function baseName(path: string): string {
  const parts = path.split(/[/\\]/);
  return parts[parts.length - 1] || path;
}
