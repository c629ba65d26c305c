import { afterEach } from 'vitest';
import { openTestLibrary, type TestLibrary } from './testLibrary';

/**
 * A factory for test libraries that are closed and deleted after each test of the calling file
 * (registers the `afterEach` once, at the file's top level).
 */
export function disposableLibraries(): (options?: Parameters<typeof openTestLibrary>[0]) => TestLibrary {
  const libs: TestLibrary[] = [];
  afterEach(() => {
    for (const l of libs.splice(0)) l.dispose();
  });
  return (options) => {
    const l = openTestLibrary(options);
    libs.push(l);
    return l;
  };
}
