import { randomUUID } from 'node:crypto';
import { maxHeaderSize, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorBody, ErrorCode } from '@tenpoint/shared';
import type { Logger } from './observability/logger.ts';

type ParseError = Error & { code?: string; reason?: unknown };

const reasons: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

/** The status Node itself would answer, and what to say: the request never reached the app. */
function answerFor(error: ParseError): { status: number; code: ErrorCode; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'invalid_request',
        message: `request: headers too large; the request line and headers must fit in ${maxHeaderSize / 1024} KB`,
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'payload_too_large', message: 'request: chunk extensions too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'invalid_request', message: 'request: not received in time' };
    default: {
      // llhttp's reason ("Invalid character in Content-Length", …), when it is plain short text.
      const reason = typeof error.reason === 'string' && /^[\x20-\x7e]{1,100}$/.test(error.reason) ? ` (${error.reason})` : '';
      return { status: 400, code: 'invalid_request', message: `request: malformed HTTP request${reason}` };
    }
  }
}

/**
 * Answers what Node's HTTP parser refuses (headers too large, a malformed request line or header,
 * a bad Content-Length) in the one error shape, where Node would write a bare status with no body.
 * As Node does, nothing is written when the socket is no longer writable or a response on it has
 * already begun: that would corrupt what the client reads. The connection is closed after.
 */
export function answerParseErrors(server: Server, logger?: Logger): void {
  server.on('clientError', (error: ParseError, socket: Socket) => {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, code, message } = answerFor(error);
    const requestId = randomUUID();
    logger?.info({ requestId, status, code: error.code }, message);
    const body = JSON.stringify({ error: { code, message, requestId } } satisfies ErrorBody);
    socket.end(
      `HTTP/1.1 ${status} ${reasons[status]}\r\n` +
        'Content-Type: application/json\r\n' +
        `X-Request-Id: ${requestId}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
      () => socket.destroy(),
    );
    // A client that never reads the answer does not hold the socket open.
    socket.setTimeout(5_000, () => socket.destroy());
  });
}
