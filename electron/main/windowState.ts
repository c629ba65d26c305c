import fs from 'node:fs';
import path from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** Reads the remembered window bounds; falls back to defaults when the file is missing or broken. */
export function loadWindowState(file: string, displays: Area[]): WindowState {
  let state: WindowState;
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowState>;
    state = {
      x: Number.isFinite(raw.x) ? raw.x : undefined,
      y: Number.isFinite(raw.y) ? raw.y : undefined,
      width: Math.max(640, Math.min(10_000, Number(raw.width) || DEFAULT_STATE.width)),
      height: Math.max(480, Math.min(10_000, Number(raw.height) || DEFAULT_STATE.height)),
      maximized: raw.maximized === true,
    };
  } catch {
    return { ...DEFAULT_STATE };
  }
  // A window remembered on a monitor that is gone would open off-screen: drop the position.
  if (state.x !== undefined && state.y !== undefined) {
    const { x, y } = state;
    const visible = displays.some((d) => x + 100 > d.x && x < d.x + d.width && y >= d.y && y < d.y + d.height);
    if (!visible) {
      delete state.x;
      delete state.y;
    }
  }
  return state;
}

export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}
