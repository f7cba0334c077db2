/**
 * A minimal stand-in for the `vscode` module, enough for the extension's `activate` to
 * run outside VS Code so that the bench can time it. It is a timing harness, not a
 * test double: registrations are accepted and dropped. The classes and functions that
 * activation reads values back from are real; anything else is an inert stub, so that
 * the bench keeps working as the extension grows.
 */

type Listener = (value: unknown) => void;

/**
 * An inert stand-in for any API: callable, constructible, with inert members; values
 * assigned to it (a status item's text, a view's description) read back.
 */
function inert(): unknown {
  const assigned = new Map<string | symbol, unknown>();
  const target = function () {
    return undefined;
  };
  const handler: ProxyHandler<typeof target> = {
    get(_target, property) {
      if (assigned.has(property)) {
        return assigned.get(property);
      }

      if (property === 'then' || typeof property === 'symbol') {
        return undefined;
      }

      return property === 'dispose' ? () => undefined : inert();
    },
    set(_target, property, value) {
      assigned.set(property, value);
      return true;
    },
    apply: () => inert(),
    construct: () => inert() as object,
  };
  return new Proxy(target, handler);
}

/** A namespace whose listed members are real and whose other members are inert. */
function namespace(members: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(members, {
    get(target, property) {
      if (typeof property === 'symbol') {
        return undefined;
      }

      return property in target ? target[property] : inert();
    },
  });
}

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }

  constructor(private readonly onDispose: () => unknown = () => undefined) {}

  dispose(): void {
    this.onDispose();
  }
}

class EventEmitter {
  private readonly listeners = new Set<Listener>();

  readonly event = (listener: Listener): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };

  fire(value: unknown): void {
    this.listeners.forEach((listener) => listener(value));
  }

  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  readonly scheme: string;

  private constructor(
    readonly path: string,
    scheme = 'file',
    readonly query = '',
  ) {
    this.scheme = scheme;
  }

  static file(path: string): Uri {
    return new Uri(path);
  }

  static from(parts: { scheme: string; path?: string; query?: string }): Uri {
    return new Uri(parts.path ?? '', parts.scheme, parts.query ?? '');
  }

  static parse(text: string): Uri {
    const [scheme = 'file', rest = ''] = text.includes(':') ? text.split(/:(.*)/s) : ['file', text];
    return new Uri(rest.replace(/^\/\//, ''), scheme);
  }

  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.path, ...parts].join('/').replace(/\/+/g, '/'), base.scheme);
  }

  get fsPath(): string {
    return this.path;
  }

  with(change: { path?: string; query?: string }): Uri {
    return new Uri(change.path ?? this.path, this.scheme, change.query ?? this.query);
  }

  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

/** A stand-in for the class `name` that keeps its constructor arguments. */
function plainClass(name: string): unknown {
  class StandIn {
    readonly args: unknown[];

    constructor(...args: unknown[]) {
      this.args = args;
    }
  }

  Object.defineProperty(StandIn, 'name', { value: name });
  return StandIn;
}

function outputChannel(): unknown {
  const channel: Record<string, unknown> = { logLevel: 2, onDidChangeLogLevel: () => inert() };
  for (const method of ['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine']) {
    channel[method] = () => undefined;
  }

  return namespace(channel);
}

/** The `vscode` module as activation sees it, with `folder` as the only workspace folder. */
export function createVscodeStandIn(folder: string): Record<string, unknown> {
  const configuration = namespace({
    get: (_key: string, fallback?: unknown) => fallback,
    has: () => false,
    inspect: () => undefined,
    update: () => Promise.resolve(),
  });

  return namespace({
    Disposable,
    EventEmitter,
    Uri,
    TreeItem: plainClass('TreeItem'),
    ThemeIcon: plainClass('ThemeIcon'),
    ThemeColor: plainClass('ThemeColor'),
    MarkdownString: plainClass('MarkdownString'),
    RelativePattern: plainClass('RelativePattern'),
    Task: plainClass('Task'),
    CustomExecution: plainClass('CustomExecution'),
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    window: namespace({
      createOutputChannel: outputChannel,
      createTreeView: () => inert(),
      createStatusBarItem: () => inert(),
    }),
    commands: namespace({
      registerCommand: () => new Disposable(),
      executeCommand: () => Promise.resolve(undefined),
    }),
    workspace: namespace({
      workspaceFolders: [{ uri: Uri.file(folder), name: 'bench', index: 0 }],
      isTrusted: true,
      getConfiguration: () => configuration,
      createFileSystemWatcher: () => inert(),
      registerTextDocumentContentProvider: () => new Disposable(),
      registerFileSystemProvider: () => new Disposable(),
      onDidChangeConfiguration: () => new Disposable(),
    }),
    tasks: namespace({ registerTaskProvider: () => new Disposable() }),
  });
}

/** A minimal ExtensionContext for an extension installed at `extensionPath`. */
export function createExtensionContext(extensionPath: string, storage: string): unknown {
  const memento = (): unknown => {
    const values = new Map<string, unknown>();
    return {
      get: (key: string, fallback?: unknown) => (values.has(key) ? values.get(key) : fallback),
      update: (key: string, value: unknown) => Promise.resolve(void values.set(key, value)),
      keys: () => [...values.keys()],
      setKeysForSync: () => undefined,
    };
  };

  return namespace({
    subscriptions: [],
    extensionPath,
    extensionUri: Uri.file(extensionPath),
    storageUri: Uri.file(storage),
    globalStorageUri: Uri.file(storage),
    logUri: Uri.file(storage),
    workspaceState: memento(),
    globalState: memento(),
    extensionMode: 1,
    asAbsolutePath: (relative: string) => `${extensionPath}/${relative}`,
  });
}
