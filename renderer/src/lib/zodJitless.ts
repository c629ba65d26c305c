import { config } from 'zod';

// SECURITY: zod compiles fast object parsers with `new Function` after probing whether eval is
// allowed; under the app's CSP (no 'unsafe-eval') that probe is a CSP violation on every page
// (issue 17). Jitless parsing is the same validation without generated code. Imported first by
// main.tsx, before any schema parses.
config({ jitless: true });
