import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/testLibrary';

/**
 * Electron fuses (issue 7, promise 5): electron-builder flips them in the packaged binary, so the
 * shipped app cannot be run as plain Node, ignores NODE_OPTIONS and --inspect, encrypts its
 * cookies and loads only its own, integrity-checked app.asar. The file is read with js-yaml (the
 * parser electron-builder itself uses) and checked against electron-builder's own JSON schema, so
 * a misspelt key fails here instead of being ignored at packaging time.
 */
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder (app-builder-lib reads electron-builder.yml with it).
const yaml = require('js-yaml') as { load(text: string): unknown };
const schema = require('app-builder-lib/scheme.json') as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, { type?: string }> } };
};

const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  // No window loads file:// (issue 17): the print window is served over app:// from memory.
  grantFileProtocolExtraPrivileges: false,
} as const;

const config = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('Electron fuses in electron-builder.yml', () => {
  it('sets every required fuse to its safe value', () => {
    const fuses = config.electronFuses as Record<string, unknown>;
    expect(fuses, 'electronFuses fehlt in electron-builder.yml').toBeTypeOf('object');
    for (const [name, value] of Object.entries(REQUIRED_FUSES)) {
      expect(fuses[name], `electronFuses.${name}`).toBe(value);
    }
  });

  it('packs the app into an asar archive (the asar fuses guard nothing without one)', () => {
    expect(config.asar).toBe(true);
  });

  it('uses only keys electron-builder knows, with boolean fuse values', () => {
    const unknownTop = Object.keys(config).filter((k) => !(k in schema.properties));
    expect(unknownTop, 'unbekannte Schlüssel in electron-builder.yml').toEqual([]);
    const known = schema.definitions.FuseOptionsV1.properties;
    for (const [name, value] of Object.entries(config.electronFuses as Record<string, unknown>)) {
      expect(known, `electronFuses.${name} ist kein Fuse von electron-builder`).toHaveProperty(name);
      expect(typeof value, `electronFuses.${name}`).toBe('boolean');
    }
  });
});
