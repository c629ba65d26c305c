import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState } from '../../../electron/main/windowState';
import { tempDir } from '../../support/testLibrary';

const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('remembered window bounds', () => {
  it('restores what was saved', () => {
    dir = tempDir();
    const file = path.join(dir, 'fenster.json');
    saveWindowState(file, { x: 100, y: 50, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file, screens)).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: true });
  });

  it('drops a position on a monitor that is gone and clamps silly sizes', () => {
    dir = tempDir();
    const file = path.join(dir, 'fenster.json');
    saveWindowState(file, { x: 4000, y: 50, width: 20, height: 99_999, maximized: false });
    const state = loadWindowState(file, screens);
    expect(state.x).toBeUndefined();
    expect(state.width).toBe(640);
    expect(state.height).toBe(10_000);
  });

  it('falls back to defaults for a missing or broken file', () => {
    dir = tempDir();
    const file = path.join(dir, 'fenster.json');
    expect(loadWindowState(file, screens)).toMatchObject({ width: 1280, height: 820 });
    fs.writeFileSync(file, '{kaputt');
    expect(loadWindowState(file, screens)).toMatchObject({ width: 1280, height: 820 });
  });
});
