/**
 * The gate every IPC invocation passes before a handler runs: the sender must be the top frame
 * of one of our windows showing a `daftar://app/` page, and the payload must match the channel's
 * schema. Whatever happens — refusal, bad payload, handler failure — the renderer gets an
 * `IpcResult` value; nothing is thrown across the process boundary.
 */
import type { z } from 'zod';
import {
  IPC_INVOKE,
  IPC_INVOKE_CHANNELS,
  isIpcErrorCode,
  type IpcInvokeArgs,
  type IpcInvokeChannel,
  type IpcInvokeValues,
  type IpcResult,
} from '../../shared/ipc/contract.ts';
import { isAppUrl } from './navigationGuard.ts';

/** The parts of Electron's WebFrameMain the guard reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The parts of Electron's IpcMainInvokeEvent the guard reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** Who asked, for handlers that need a parent window (dialogs). */
export interface InvokeContext {
  senderId: number;
}

export type ChannelHandler<C extends IpcInvokeChannel> = (
  arg: IpcInvokeArgs[C],
  context: InvokeContext,
) => Promise<IpcInvokeValues[C]>;

export type IpcHandlers = { [C in IpcInvokeChannel]: ChannelHandler<C> };

export interface IpcGuardDeps {
  /** Whether the WebContents with this id belongs to one of our windows. */
  isOurWebContents(id: number): boolean;
}

/** Why a sender is refused, or `undefined` when it may invoke. Pure. */
export function refuseSender(event: InvokeEventLike, deps: IpcGuardDeps): string | undefined {
  try {
    const frame = event.senderFrame;
    if (frame === null) return 'the sending frame is gone';
    if (frame.parent !== null) return 'only the top frame may invoke';
    if (!isAppUrl(frame.url)) return 'the sender is not an app page';
    if (!deps.isOurWebContents(event.sender.id)) return 'the sender is not one of our windows';
    return undefined;
  } catch {
    // Electron throws from the getters of a frame or WebContents disposed while the message was
    // in flight; that sender is gone, and the refusal must still be a value, not a rejection.
    return 'the sending frame is gone';
  }
}

const SCHEMAS: { [C in IpcInvokeChannel]: z.ZodType<IpcInvokeArgs[C]> } = IPC_INVOKE;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'argument'}: ${issue.message}`,
    )
    .join('; ');
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  return 'unexpected error';
}

/** Wrap a handler so that it only ever sees checked senders and valid payloads. */
export function guardHandler<C extends IpcInvokeChannel>(
  channel: C,
  handler: ChannelHandler<C>,
  deps: IpcGuardDeps,
): (event: InvokeEventLike, arg?: unknown) => Promise<IpcResult<IpcInvokeValues[C]>> {
  return async (event, arg) => {
    const refusal = refuseSender(event, deps);
    if (refusal !== undefined) return { ok: false, error: `${channel} refused: ${refusal}.` };
    const parsed = SCHEMAS[channel].safeParse(arg);
    if (!parsed.success) {
      return {
        ok: false,
        error: `${channel}: invalid argument (${describeIssues(parsed.error)}).`,
      };
    }
    try {
      return { ok: true, value: await handler(parsed.data, { senderId: event.sender.id }) };
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      return { ok: false, error: messageOf(error), ...(isIpcErrorCode(code) ? { code } : {}) };
    }
  };
}

/** The registration surface of `ipcMain` the guard needs. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, arg?: unknown) => Promise<unknown>,
  ): void;
}

/** Register a guarded handler for every channel of the contract. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  deps: IpcGuardDeps,
): void {
  const register = <C extends IpcInvokeChannel>(channel: C): void => {
    ipcMain.handle(channel, guardHandler(channel, handlers[channel], deps));
  };
  for (const channel of IPC_INVOKE_CHANNELS) register(channel);
}
