import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/testLibrary';

/** The folder-per-runtime rule must fail `npm run lint`, not just be written down. */
describe('layering rules (ESLint, error level)', () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const lint = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2);
  };

  it('rejects `electron` in services and the CLI', async () => {
    expect(await lint('electron/services/x/Bad.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await lint('electron/cli/bad.ts', "import { shell } from 'electron';\nexport const s = shell;\n")).toHaveLength(1);
  });

  it('rejects renderer imports from electron/ and Node', async () => {
    expect(await lint('renderer/src/Bad.ts', "import { Dispatcher } from '../../electron/services/ipc/Dispatcher';\nexport const d = Dispatcher;\n")).toHaveLength(1);
    expect(await lint('renderer/src/Bad2.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toHaveLength(1);
    expect(await lint('renderer/src/Bad3.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toHaveLength(1);
  });

  it('rejects shared/ importing anything outside itself', async () => {
    expect(await lint('shared/bad.ts', "import { x } from '../electron/services/ports';\nexport const y = x;\n")).toHaveLength(1);
    expect(await lint('shared/bad2.ts', "import path from 'path';\nexport const p = path;\n")).toHaveLength(1);
  });

  it('allows electron in main and preload', async () => {
    expect(await lint('electron/main/ok.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(0);
    expect(await lint('electron/preload/ok.ts', "import { contextBridge } from 'electron';\nexport const c = contextBridge;\n")).toHaveLength(0);
  });
});
