import { type IncomingMessage, Server } from "node:http";
import { SOCKET_ADDRESS_HEADER } from "./client-ip";

const INSTALLED = Symbol.for("clinic-billing.socket-address-hook");

/**
 * Next.js gives pages and actions no access to the socket, and it fills X-Forwarded-For
 * from the socket only when the client sent none. So every request is stamped with its
 * peer address under our own header before Next.js sees it; a client-sent value of that
 * header is overwritten.
 */
export function installSocketAddressHook(): void {
  const proto = Server.prototype as Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function emitWithSocketAddress(this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.apply(this, [event, ...args]);
  } as typeof proto.emit;
}
