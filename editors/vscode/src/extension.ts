// The copydesk extension: starts `copydesk server` for plain-text and
// Markdown documents and adds a status bar item and three commands. All the
// checking is the server's; this file finds the binary, passes the settings,
// and runs the server's document-wide code actions.

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
  'Install it with `cargo install --locked --path server` from a copydesk checkout ' +
  '(or set `copydesk.path` to the binary).';
const FIX_ALL = 'source.fixAll.copydesk';
const REFLOW = 'source.reflow.copydesk';
const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;

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
    languages: config.get<string[]>('languages') ?? ['plaintext', 'markdown'],
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

/** `copydesk.path`, else `copydesk` on PATH; undefined with a message when neither works. */
function findBinary(): string | undefined {
  const configured = vscode.workspace.getConfiguration('copydesk').get<string | null>('path');
  if (configured) {
    const file = expand(configured);
    if (isExecutable(file)) {
      return file;
    }
    notFound(`copydesk: \`copydesk.path\` is ${file}, which is not an executable file. ${INSTALL_HINT}`);
    return undefined;
  }
  const names = process.platform === 'win32' ? ['copydesk.exe', 'copydesk'] : ['copydesk'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (dir && isExecutable(file)) {
        return file;
      }
    }
  }
  notFound(`copydesk: the \`copydesk\` binary is not on PATH. ${INSTALL_HINT}`);
  return undefined;
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
  const look = {
    starting: ['$(sync~spin) copydesk', 'copydesk: starting the server'],
    running: ['$(check) copydesk', 'copydesk: the server is running. Click for its log.'],
    stopped: ['$(error) copydesk', 'copydesk: the server stopped. Click for its log; "copydesk: Restart server" starts it again.'],
    missing: ['$(warning) copydesk', `copydesk: binary not found. ${INSTALL_HINT}`],
  }[state];
  status.text = look[0];
  status.tooltip = look[1];
  status.backgroundColor =
    state === 'running' || state === 'starting'
      ? undefined
      : new vscode.ThemeColor(state === 'missing' ? 'statusBarItem.warningBackground' : 'statusBarItem.errorBackground');
  status.show();
}

async function start(): Promise<void> {
  const command = findBinary();
  if (!command) {
    return;
  }
  setStatus('starting');
  const serverOptions: ServerOptions = { command, args: ['server'], options: { env: process.env } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
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
