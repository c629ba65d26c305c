import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/testLibrary';

/**
 * Static half of the Electron checklist (issue 7, promise 5): the rules the behavioural test in
 * electronChecklist.test.ts relies on, checked over every .ts file under electron/ with the
 * TypeScript parser (comments and strings cannot fool it). Each finding names file and line.
 *
 * - ipcMain is used in electron/main/ipc.ts only (the one wrapper with the sender check);
 * - `new BrowserWindow(` appears only at the sites the checklist test drives, and each passes its
 *   webPreferences straight from security/policy.ts; no other kind of web view is created;
 * - no file anywhere switches a protection off (nodeIntegration: true, sandbox: false, …);
 * - shell.openExternal is reached only through the policy's URL filter;
 * - only the preload touches contextBridge/ipcRenderer, and it exposes `kb` and nothing else.
 */

const IPC_FILE = 'electron/main/ipc.ts';
const PRELOAD_FILE = 'electron/preload/index.ts';
/** Where windows are created; electronChecklist.test.ts drives each of them. */
const WINDOW_SITES = new Set(['electron/main/window.ts', 'electron/main/adapters/electronPorts.ts']);
const POLICY_PREFERENCES = new Set(['secureWebPreferences', 'printWebPreferences']);
const IPC_MAIN_METHODS = new Set(['handle', 'handleOnce', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Preference values that switch a protection off. */
const UNSAFE_PREFERENCES: Record<string, boolean> = {
  nodeIntegration: true,
  nodeIntegrationInWorker: true,
  nodeIntegrationInSubFrames: true,
  contextIsolation: false,
  sandbox: false,
  webSecurity: false,
  allowRunningInsecureContent: true,
  webviewTag: true,
  experimentalFeatures: true,
};

interface Source {
  file: string;
  text: string;
}

function electronSources(): Source[] {
  const out: Source[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push({ file: path.relative(REPO_ROOT, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(path.join(REPO_ROOT, 'electron'));
  return out;
}

/** Names imported from a module whose path ends in security/policy, per file. */
function policyImports(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const stmt of sf.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    if (!/(^|\/)security\/policy$/.test(stmt.moduleSpecifier.text)) continue;
    const bindings = stmt.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.add(el.name.text);
  }
  return names;
}

function propertyName(p: ts.ObjectLiteralElementLike): string | null {
  if (!p.name) return null;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
  return null;
}

function isAccess(node: ts.Node, object: string, members?: Set<string>): node is ts.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === object && (!members || members.has(node.name.text));
}

/** Is this openExternal call inside `if (isAllowedExternalUrl(x)) …(x)` or `const u = externalUrl(…); if (u) …(u)`? */
function isFilteredOpenExternal(call: ts.CallExpression): boolean {
  const arg = call.arguments[0];
  if (!arg || call.arguments.length !== 1 || !ts.isIdentifier(arg)) return false;
  for (let node: ts.Node = call; node.parent; node = node.parent) {
    const parent = node.parent;
    if (ts.isFunctionLike(parent)) return false;
    if (!ts.isIfStatement(parent) || parent.thenStatement !== node) continue;
    const cond = parent.expression;
    if (ts.isCallExpression(cond) && ts.isIdentifier(cond.expression) && cond.expression.text === 'isAllowedExternalUrl' && cond.arguments.length === 1) {
      const checked = cond.arguments[0]!;
      if (ts.isIdentifier(checked) && checked.text === arg.text) return true;
    }
    if (ts.isIdentifier(cond) && cond.text === arg.text) {
      // The identifier must be a const initialised from externalUrl(…) in the same block.
      const block = parent.parent;
      if (!ts.isBlock(block) && !ts.isSourceFile(block)) return false;
      return block.statements.some(
        (s) =>
          ts.isVariableStatement(s) &&
          (s.declarationList.flags & ts.NodeFlags.Const) !== 0 &&
          s.declarationList.declarations.some(
            (d) => ts.isIdentifier(d.name) && d.name.text === arg.text && !!d.initializer && ts.isCallExpression(d.initializer) && ts.isIdentifier(d.initializer.expression) && d.initializer.expression.text === 'externalUrl',
          ),
      );
    }
  }
  return false;
}

/** All rule violations, as `file:line: message`. */
function scan(sources: Source[]): string[] {
  const problems: string[] = [];
  let exposeCalls = 0;
  for (const { file, text } of sources) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const policy = policyImports(sf);
    const at = (node: ts.Node, message: string) => problems.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: ${message}`);
    const inPreload = file.startsWith('electron/preload/');

    const visit = (node: ts.Node): void => {
      // ipcMain: one file, one method.
      if (isAccess(node, 'ipcMain') && file !== IPC_FILE) {
        at(node, `ipcMain.${node.name.text} außerhalb von ${IPC_FILE}: jeder Kanal geht durch registerIpc (Absenderprüfung + zod)`);
      }
      if (isAccess(node, 'ipcMain', IPC_MAIN_METHODS) && file === IPC_FILE && node.name.text !== 'handle') {
        at(node, `ipcMain.${node.name.text}: nur ipcMain.handle im Wrapper (Ergebnis als Wert, Absenderprüfung)`);
      }
      if (ts.isImportSpecifier(node) && node.name.text === 'ipcMain' && file !== IPC_FILE) {
        at(node, `ipcMain wird importiert, aber nur ${IPC_FILE} darf es benutzen`);
      }

      // Windows and web views.
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
        const kind = node.expression.text;
        if (['BrowserView', 'WebContentsView', 'BaseWindow'].includes(kind)) {
          at(node, `new ${kind}(…) ist von der Checkliste nicht erfasst; Fenster nur über BrowserWindow mit Richtlinien-webPreferences`);
        }
        if (kind === 'BrowserWindow') {
          if (!WINDOW_SITES.has(file)) {
            at(node, `new BrowserWindow(…) an einer Stelle, die tests/unit/security/electronChecklist.test.ts nicht prüft (erlaubt: ${[...WINDOW_SITES].join(', ')})`);
          }
          const options = node.arguments?.[0];
          const prefs = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => propertyName(p) === 'webPreferences') : undefined;
          const init = prefs && ts.isPropertyAssignment(prefs) ? prefs.initializer : undefined;
          const fromPolicy = !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && POLICY_PREFERENCES.has(init.expression.text) && policy.has(init.expression.text);
          if (!fromPolicy) {
            at(node, 'new BrowserWindow(…) ohne `webPreferences: secureWebPreferences(…)`/`printWebPreferences()` aus security/policy.ts');
          }
        }
      }
      if (ts.isPropertyAssignment(node) && propertyName(node) === 'webPreferences') {
        const owner = node.parent.parent;
        if (!(ts.isNewExpression(owner) && ts.isIdentifier(owner.expression) && owner.expression.text === 'BrowserWindow')) {
          at(node, 'webPreferences außerhalb von new BrowserWindow(…) (z. B. overrideBrowserWindowOptions): nicht erlaubt');
        }
      }
      if (ts.isPropertyAssignment(node)) {
        const name = propertyName(node);
        if (name && name in UNSAFE_PREFERENCES) {
          const bad = UNSAFE_PREFERENCES[name];
          const literal = node.initializer.kind === ts.SyntaxKind.TrueKeyword ? true : node.initializer.kind === ts.SyntaxKind.FalseKeyword ? false : null;
          if (literal === bad) at(node, `${name}: ${String(bad)} schaltet einen Schutz ab`);
          if (literal === null && file.startsWith('electron/main/')) at(node, `${name} muss ein Literal sein, damit es prüfbar bleibt`);
        }
      }

      // openExternal: only after the policy's filter.
      if (ts.isIdentifier(node) && node.text === 'openExternal') {
        const access = node.parent;
        const call = access?.parent;
        const isShellCall = ts.isPropertyAccessExpression(access) && access.name === node && ts.isIdentifier(access.expression) && access.expression.text === 'shell' && ts.isCallExpression(call) && call.expression === access;
        if (!isShellCall) at(node, 'openExternal nur als shell.openExternal(url) aufrufen (kein Alias, kein Weiterreichen)');
        else if (!isFilteredOpenExternal(call)) at(node, 'shell.openExternal ohne vorherige Prüfung: `if (isAllowedExternalUrl(url))` oder `const u = externalUrl(raw); if (u)`');
      }

      // The bridge.
      if (isAccess(node, 'contextBridge') && node.name.text.startsWith('expose')) {
        exposeCalls++;
        const call = node.parent;
        const key = ts.isCallExpression(call) ? call.arguments[0] : undefined;
        if (file !== PRELOAD_FILE) at(node, `contextBridge.${node.name.text} außerhalb von ${PRELOAD_FILE}`);
        if (node.name.text !== 'exposeInMainWorld' || !key || !ts.isStringLiteral(key) || key.text !== 'kb') {
          at(node, 'die Brücke heißt `kb` und wird mit exposeInMainWorld(\'kb\', …) angeboten, sonst nichts');
        }
        const api = ts.isCallExpression(call) ? call.arguments[1] : undefined;
        if (!api || !ts.isObjectLiteralExpression(api)) at(node, 'die Brücke muss ein Objektliteral sein');
        else {
          const names = api.properties.map(propertyName);
          if (names.join(',') !== 'invoke,on') at(api, `die Brücke bietet ${names.join(', ')}; erlaubt sind genau invoke und on`);
        }
      }
      if (ts.isIdentifier(node) && node.text === 'ipcRenderer' && !ts.isImportSpecifier(node.parent)) {
        if (!inPreload) at(node, 'ipcRenderer außerhalb von electron/preload');
        const parent = node.parent;
        const calledMember = ts.isPropertyAccessExpression(parent) && parent.expression === node && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
        if (!calledMember) at(node, 'ipcRenderer darf nur aufgerufen, nie weitergereicht werden');
        else if (!['invoke', 'on', 'removeListener'].includes((parent as ts.PropertyAccessExpression).name.text)) {
          at(node, `ipcRenderer.${(parent as ts.PropertyAccessExpression).name.text}: die Brücke nutzt nur invoke, on und removeListener`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  if (sources.some((s) => s.file === PRELOAD_FILE) && exposeCalls !== 1) problems.push(`${PRELOAD_FILE}: genau ein contextBridge.exposeInMainWorld('kb', …) erwartet, gefunden ${exposeCalls}`);
  return problems;
}

describe('Electron checklist: static rules over electron/**/*.ts', () => {
  const sources = electronSources();

  it('finds the code it is about', () => {
    const files = sources.map((s) => s.file);
    for (const f of [IPC_FILE, PRELOAD_FILE, ...WINDOW_SITES]) expect(files).toContain(f);
    expect(sources.length).toBeGreaterThan(20);
  });

  it('holds for the whole electron/ tree', () => {
    const problems = scan(sources);
    expect(problems, `Verstöße gegen die Electron-Checkliste:\n${problems.join('\n')}`).toEqual([]);
  });

  it('creates windows at exactly the sites the checklist test drives', () => {
    const sites = sources.filter((s) => /\bnew\s+BrowserWindow\s*\(/.test(s.text)).map((s) => s.file).sort();
    expect(sites).toEqual([...WINDOW_SITES].sort());
  });

  // Negative controls: each rule reports a planted violation with file and line.
  const planted = (file: string, text: string) => scan([{ file, text }]);

  it('reports ipcMain outside the wrapper and non-handle registrations inside it', () => {
    expect(planted('electron/main/menu.ts', "import { ipcMain } from 'electron';\n\nipcMain.handle('x.y', () => 1);")).toEqual([
      'electron/main/menu.ts:1: ipcMain wird importiert, aber nur electron/main/ipc.ts darf es benutzen',
      'electron/main/menu.ts:3: ipcMain.handle außerhalb von electron/main/ipc.ts: jeder Kanal geht durch registerIpc (Absenderprüfung + zod)',
    ]);
    expect(planted(IPC_FILE, "ipcMain.handle('a.b', f);\nipcMain.on('a.c', f);")).toEqual([`${IPC_FILE}:2: ipcMain.on: nur ipcMain.handle im Wrapper (Ergebnis als Wert, Absenderprüfung)`]);
  });

  it('reports windows without the policy’s preferences, unsafe flags and uncovered sites', () => {
    const inline = planted('electron/main/window.ts', 'const w = new BrowserWindow({ webPreferences: { sandbox: false, contextIsolation: true } });');
    expect(inline).toContain('electron/main/window.ts:1: new BrowserWindow(…) ohne `webPreferences: secureWebPreferences(…)`/`printWebPreferences()` aus security/policy.ts');
    expect(inline).toContain('electron/main/window.ts:1: sandbox: false schaltet einen Schutz ab');
    // A function of the same name that does not come from the policy does not count.
    expect(planted('electron/main/window.ts', 'const secureWebPreferences = () => ({});\nnew BrowserWindow({ webPreferences: secureWebPreferences() });')).toEqual([
      'electron/main/window.ts:2: new BrowserWindow(…) ohne `webPreferences: secureWebPreferences(…)`/`printWebPreferences()` aus security/policy.ts',
    ]);
    expect(planted('electron/main/about.ts', "import { secureWebPreferences } from './security/policy';\nnew BrowserWindow({ webPreferences: secureWebPreferences('') });")[0]).toMatch(/^electron\/main\/about\.ts:2: new BrowserWindow\(…\) an einer Stelle, die .* nicht prüft/);
    expect(planted('electron/main/x.ts', 'wc.setWindowOpenHandler(() => ({ action: "allow", overrideBrowserWindowOptions: { webPreferences: {} } }));')[0]).toMatch(/x\.ts:1: webPreferences außerhalb/);
    expect(planted('electron/main/x.ts', 'new WebContentsView({});')[0]).toMatch(/x\.ts:1: new WebContentsView/);
  });

  it('reports openExternal without the filter, through an alias, or with a different URL than checked', () => {
    expect(planted('electron/main/x.ts', 'void shell.openExternal(url);')).toEqual([
      'electron/main/x.ts:1: shell.openExternal ohne vorherige Prüfung: `if (isAllowedExternalUrl(url))` oder `const u = externalUrl(raw); if (u)`',
    ]);
    expect(planted('electron/main/x.ts', 'if (isAllowedExternalUrl(a)) void shell.openExternal(b);')).toHaveLength(1);
    expect(planted('electron/main/x.ts', 'let u = externalUrl(raw);\nif (u) void shell.openExternal(u);')).toHaveLength(1);
    expect(planted('electron/main/x.ts', 'const { openExternal } = shell;')).toHaveLength(1);
    expect(planted('electron/main/x.ts', 'if (isAllowedExternalUrl(url)) void shell.openExternal(url);')).toEqual([]);
    expect(planted('electron/main/x.ts', 'function f(raw) {\n  const u = externalUrl(raw);\n  if (u) void shell.openExternal(u);\n}')).toEqual([]);
  });

  it('reports a bridge that exposes more than kb.invoke and kb.on', () => {
    const bridge = (api: string) => planted(PRELOAD_FILE, `contextBridge.exposeInMainWorld('kb', ${api});`);
    expect(bridge('{ invoke() {}, on() {} }')).toEqual([]);
    expect(bridge('{ invoke() {}, on() {}, send: (c, d) => ipcRenderer.send(c, d) }')).toEqual([
      `${PRELOAD_FILE}:1: die Brücke bietet invoke, on, send; erlaubt sind genau invoke und on`,
      `${PRELOAD_FILE}:1: ipcRenderer.send: die Brücke nutzt nur invoke, on und removeListener`,
    ]);
    expect(bridge('{ invoke() {}, on() {}, ipc: ipcRenderer }')).toContain(`${PRELOAD_FILE}:1: ipcRenderer darf nur aufgerufen, nie weitergereicht werden`);
    expect(planted(PRELOAD_FILE, "contextBridge.exposeInMainWorld('node', { invoke() {}, on() {} });")).toContain(`${PRELOAD_FILE}:1: die Brücke heißt \`kb\` und wird mit exposeInMainWorld('kb', …) angeboten, sonst nichts`);
    expect(planted(PRELOAD_FILE, '')).toEqual([`${PRELOAD_FILE}: genau ein contextBridge.exposeInMainWorld('kb', …) erwartet, gefunden 0`]);
  });
});
