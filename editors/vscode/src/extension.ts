// The copydesk extension: starts `copydesk server` for plain-text and
// Markdown documents and adds a status bar item and four commands. All the
// checking is the server's; this file chooses the binary (the one bundled in
// a platform .vsix, `copydesk.path`, or one on PATH), passes the settings,
// and runs the server's document-wide code actions.

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';

const INSTALL_HINT =
  'Install the extension for your platform (copydesk-linux-x64.vsix and the like carry the binary), ' +
  'or install copydesk with `cargo install --locked --path server` from a copydesk checkout ' +
  '(or set `copydesk.path` to the binary).';
const EXE = process.platform === 'win32' ? 'copydesk.exe' : 'copydesk';
const FIX_ALL = 'source.fixAll.copydesk';
const REFLOW = 'source.reflow.copydesk';
const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let extensionPath = '';

/** The binary the server runs from, and why that one. */
interface Binary {
  command: string;
  version: string | undefined;
  /** `bundled with the extension`, `on PATH`, `copydesk.path`…, for the log and the tooltip. */
  origin: string;
}
let running: Binary | undefined;

/** The settings the server reads (`server/src/lsp/config.rs`). */
export function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('copydesk');
  // `copydesk.rules.broken-wrap: "off"` and `copydesk.rules: {"broken-wrap": "off"}`
  // land in the same tree; "default" leaves the rule to the server and copydesk.toml.
  const rules: Record<string, string> = {};
  for (const [id, level] of Object.entries(config.get<Record<string, unknown>>('rules') ?? {})) {
    if (typeof level === 'string' && LEVELS.has(level)) {
      rules[id] = level;
    }
  }
  const settings: Record<string, unknown> = {
    rules,
    languages: config.get<string[]>('languages') ?? ['plaintext', 'markdown', 'html'],
  };
  const register = config.get<string | null>('register');
  if (register) {
    settings.register = expand(register);
  }
  return settings;
}

function expand(p: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  p = p.replace(/\$\{workspaceFolder\}/g, folder).replace(/\$\{userHome\}/g, os.homedir());
  if (p === '~' || p.startsWith('~/')) {
    p = path.join(os.homedir(), p.slice(1));
  }
  return p;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The binary of a platform .vsix (`bin/copydesk`), made executable if unpacking lost its mode. */
function bundledBinary(): string | undefined {
  const file = path.join(extensionPath, 'bin', EXE);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  if (!isExecutable(file)) {
    try {
      fs.chmodSync(file, 0o755);
    } catch (error) {
      output.appendLine(`copydesk: the bundled ${file} is not executable and could not be made so: ${error}`);
    }
  }
  return isExecutable(file) ? file : undefined;
}

function onPath(): string | undefined {
  const names = process.platform === 'win32' ? ['copydesk.exe', 'copydesk'] : ['copydesk'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (dir && isExecutable(file)) {
        return file;
      }
    }
  }
  return undefined;
}

/** `copydesk --version` of a binary: `0.1.0`, or undefined when it does not answer. */
function versionOf(file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, ['--version'], { timeout: 10000 }, (error, stdout) => {
      const match = /(\d+)\.(\d+)\.(\d+)/.exec(stdout ?? '');
      resolve(error || !match ? undefined : match[0]);
    });
  });
}

/** Whether version `a` is newer than `b` (both `major.minor.patch`). */
export function isNewer(a: string, b: string): boolean {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) {
    if (x[i] !== y[i]) {
      return x[i] > y[i];
    }
  }
  return false;
}

/**
 * `copydesk.path` when set; else the bundled binary, unless a `copydesk` on
 * PATH is newer; else the one on PATH. Undefined, with a message, when none.
 */
async function chooseBinary(): Promise<Binary | undefined> {
  const configured = vscode.workspace.getConfiguration('copydesk').get<string | null>('path');
  if (configured) {
    const file = expand(configured);
    if (isExecutable(file)) {
      return { command: file, version: await versionOf(file), origin: 'set in copydesk.path' };
    }
    notFound(`copydesk: \`copydesk.path\` is ${file}, which is not an executable file. ${INSTALL_HINT}`);
    return undefined;
  }
  const bundled = bundledBinary();
  const installed = onPath();
  if (bundled && installed) {
    const [mine, theirs] = await Promise.all([versionOf(bundled), versionOf(installed)]);
    if (theirs && (!mine || isNewer(theirs, mine))) {
      return { command: installed, version: theirs, origin: `on PATH, newer than the bundled ${mine ?? '(unknown version)'}` };
    }
    return { command: bundled, version: mine, origin: `bundled with the extension (the ${theirs ?? 'unknown version'} on PATH is not newer)` };
  }
  if (bundled) {
    return { command: bundled, version: await versionOf(bundled), origin: 'bundled with the extension' };
  }
  if (installed) {
    return { command: installed, version: await versionOf(installed), origin: 'on PATH' };
  }
  notFound(`copydesk: no copydesk binary: this extension has none bundled and there is none on PATH. ${INSTALL_HINT}`);
  return undefined;
}

function describe(binary: Binary): string {
  return `copydesk ${binary.version ?? '(unknown version)'}, ${binary.origin}: ${binary.command}`;
}

function notFound(message: string): void {
  output.appendLine(message);
  setStatus('missing');
  void vscode.window.showErrorMessage(message, 'Open Settings').then((choice) => {
    if (choice) {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.path');
    }
  });
}

function setStatus(state: 'starting' | 'running' | 'stopped' | 'missing'): void {
  const which = running ? ` (${describe(running)})` : '';
  const look = {
    starting: ['$(sync~spin) copydesk', `copydesk: starting the server${which}`],
    running: ['$(check) copydesk', `copydesk: the server is running${which}. Click for its log.`],
    stopped: ['$(error) copydesk', `copydesk: the server stopped${which}. Click for its log; "copydesk: Restart server" starts it again.`],
    missing: ['$(warning) copydesk', `copydesk: binary not found. ${INSTALL_HINT}`],
  }[state];
  status.text = look[0];
  status.tooltip = look[1];
  status.accessibilityInformation = { label: look[1] };
  status.backgroundColor =
    state === 'running' || state === 'starting'
      ? undefined
      : new vscode.ThemeColor(state === 'missing' ? 'statusBarItem.warningBackground' : 'statusBarItem.errorBackground');
  status.show();
}

async function start(): Promise<void> {
  running = await chooseBinary();
  if (!running) {
    return;
  }
  const command = running.command;
  output.appendLine(`copydesk: using ${describe(running)}`);
  setStatus('starting');
  const serverOptions: ServerOptions = { command, args: ['server'], options: { env: process.env } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'html' },
      { scheme: 'untitled', language: 'html' },
    ],
    initializationOptions: serverSettings(),
    // The server's stderr (its log) goes here.
    outputChannel: output,
    traceOutputChannel: output,
  };
  const created = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  created.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      setStatus('running');
    } else if (event.newState === State.Stopped) {
      setStatus('stopped');
    }
  });
  client = created;
  output.appendLine(`copydesk: starting ${command} server`);
  try {
    await created.start();
  } catch (error) {
    output.appendLine(`copydesk: the server did not start: ${error}`);
    setStatus('stopped');
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running && running.needsStop()) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  output.appendLine('copydesk: restarting the server');
  await stop();
  await start();
}

/** Runs one of the server's document-wide code actions on the active editor. */
async function runDocumentAction(kind: string, what: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(`copydesk: open a document to ${what}.`);
    return;
  }
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage('copydesk: the server is not running ("copydesk: Restart server").');
    return;
  }
  const document = editor.document;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  // The last argument resolves the first actions' edits (the server computes
  // document-wide edits only on resolve).
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      kind,
      10,
    )) ?? [];
  const action = actions.find((a) => a.kind?.value === kind && a.edit);
  if (!action?.edit) {
    void vscode.window.setStatusBarMessage(`copydesk: nothing to ${what}`, 3000);
    return;
  }
  if (!(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showWarningMessage(`copydesk: could not ${what}; the document changed meanwhile?`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('copydesk');
  status = vscode.window.createStatusBarItem('copydesk.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'copydesk';
  status.command = 'copydesk.showLog';
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('copydesk.fixAll', () => runDocumentAction(FIX_ALL, 'fix')),
    vscode.commands.registerCommand('copydesk.reflow', () => runDocumentAction(REFLOW, 'reflow')),
    vscode.commands.registerCommand('copydesk.restart', restart),
    vscode.commands.registerCommand('copydesk.showLog', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('copydesk')) {
        return;
      }
      if (event.affectsConfiguration('copydesk.path')) {
        await restart();
      } else if (client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { copydesk: serverSettings() },
        });
      }
    }),
  );
  await start();
}

export function deactivate(): Thenable<void> | undefined {
  return stop();
}
