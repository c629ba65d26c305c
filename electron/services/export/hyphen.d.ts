/** The package `hyphen` ships no types; only the sync German entry point is used. */
declare module 'hyphen/de/index.js' {
  const hyphen: {
    hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number; exceptions?: string[] }): string;
  };
  export default hyphen;
}
