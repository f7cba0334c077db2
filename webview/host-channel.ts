/**
 * The webview's end of the Compare protocol: sends messages, matches replies to requests by
 * id, and checks everything that arrives before the app sees it.
 */
import {
  type HostMessage,
  REPLY_TYPES,
  type RequestReplies,
  type WebviewMessage,
  type WebviewRequest,
} from '../src/extension/compare/protocol';
import { parseHostMessage } from '../src/extension/compare/protocol-validation';

/** The API VS Code gives a webview script, once. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

/** Messages from the host that are not replies. */
export type HostNotification = Exclude<HostMessage, { requestId: number }>;

type RequestBody<T extends WebviewRequest['type']> = Omit<
  Extract<WebviewRequest, { type: T }>,
  'requestId'
>;

interface Pending {
  replyType: string;
  resolve(reply: HostMessage): void;
  reject(error: Error): void;
}

/** Talks to the extension host. */
export class HostChannel {
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    readonly api: VsCodeApi,
    private readonly onNotification: (message: HostNotification) => void,
  ) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
  }

  /** Sends a message that expects no reply. */
  post(message: Exclude<WebviewMessage, WebviewRequest>): void {
    this.api.postMessage(message);
  }

  /** Sends a request and resolves with its reply; rejects when the host reports failure. */
  request<T extends WebviewRequest['type']>(
    body: RequestBody<T> & { type: T },
  ): Promise<RequestReplies[T]> {
    const requestId = this.nextRequestId;
    this.nextRequestId += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, {
        replyType: REPLY_TYPES[body.type],
        resolve: (reply) => resolve(reply as RequestReplies[T]),
        reject,
      });
      this.api.postMessage({ ...body, requestId });
    });
  }

  /** Writes to the extension's log, since the product has no console. */
  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.post({ type: 'log', level, message });
  }

  private receive(data: unknown): void {
    let message: HostMessage;
    try {
      message = parseHostMessage(data);
    } catch (error) {
      this.log('warn', `Ignored a malformed message from the extension: ${String(error)}`);
      return;
    }

    if (!('requestId' in message)) {
      this.onNotification(message);
      return;
    }

    const pending = this.pending.get(message.requestId);
    if (!pending) {
      return;
    }

    this.pending.delete(message.requestId);
    if (message.type === 'requestFailed') {
      pending.reject(new Error(message.message));
      return;
    }

    if (message.type !== pending.replyType) {
      pending.reject(new Error(`The extension answered a request with "${message.type}".`));
      return;
    }

    pending.resolve(message);
  }
}
