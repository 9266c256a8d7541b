#!/usr/bin/env python3
"""SMTP servers for the reminder tests (Tests/EndToEndTests/ReminderTests.swift).

  smtp_server.py tls FOLDER CERT KEY USER PASSWORD [--reject ADDRESS]...
      aiosmtpd on 127.0.0.1: STARTTLS required before anything else, AUTH (PLAIN, LOGIN) required
      and only over TLS; each accepted message is written to FOLDER/N.eml with FOLDER/N.json
      ({"mail_from", "rcpt_tos", "user"}); RCPT TO an ADDRESS given with --reject answers 550.
  smtp_server.py smtps FOLDER CERT KEY USER PASSWORD
      the same, but TLS from the first byte (implicit TLS, as on port 465) and only AUTH LOGIN
      offered (the client must speak the two-step mechanism).
  smtp_server.py drop FOLDER
      a plain server (for smtp+insecure://) that takes MAIL, RCPT and DATA, then closes the
      connection in the middle of the message, writing FOLDER/dropped-N.

Prints "PORT n" on its first line once it listens; runs until killed. A missing aiosmtpd is an
error (exit 3), never a quiet pass."""
import asyncio
import json
import os
import ssl
import sys


def write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


async def serve_tls(folder, cert, key, user, password, rejected, implicit=False):
    try:
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
    except ImportError:
        print("aiosmtpd is not installed: run `bash .ci/install-deps mail`", file=sys.stderr, flush=True)
        sys.exit(3)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    counter = {"n": 0}

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        return AuthResult(success=ok, auth_data=auth_data)

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.lower() in rejected:
                return "550 5.1.1 <%s>: no such user here" % address
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            counter["n"] += 1
            base = os.path.join(folder, "%d" % counter["n"])
            meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                    "user": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
                    "authenticated": bool(session.authenticated),
                    "tls": implicit or session.ssl is not None}
            write_atomically(base + ".json", json.dumps(meta).encode())
            write_atomically(base + ".eml", envelope.original_content)
            return "250 2.0.0 queued as %d" % counter["n"]

    def factory():
        if implicit:
            # The connection is TLS already (the server's ssl=context below): no STARTTLS to offer.
            return SMTP(Handler(), hostname="localhost", authenticator=authenticator, auth_required=True,
                        auth_require_tls=False, auth_exclude_mechanism=["PLAIN"], decode_data=False)
        return SMTP(Handler(), hostname="localhost", tls_context=context, require_starttls=True,
                    authenticator=authenticator, auth_required=True, auth_require_tls=True,
                    decode_data=False)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host="127.0.0.1", port=0, ssl=context if implicit else None)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


async def serve_drop(folder):
    counter = {"n": 0}

    async def session(reader, writer):
        writer.write(b"220 localhost ESMTP drop-test\r\n")
        await writer.drain()
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line.strip().split(b" ")[0].upper()
            if verb in (b"EHLO", b"HELO"):
                writer.write(b"250-localhost\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                writer.write(b"354 go ahead\r\n")
                await writer.drain()
                await reader.read(200)  # part of the message, then the connection is dropped
                counter["n"] += 1
                write_atomically(os.path.join(folder, "dropped-%d" % counter["n"]), b"dropped")
                writer.transport.abort()
                return
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"250 OK\r\n")
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(session, host="127.0.0.1", port=0)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


def main():
    args = sys.argv[1:]
    if len(args) >= 6 and args[0] == "tls":
        rejected = [args[i + 1].lower() for i, a in enumerate(args) if a == "--reject" and i + 1 < len(args)]
        asyncio.run(serve_tls(args[1], args[2], args[3], args[4], args[5], rejected))
    elif len(args) == 6 and args[0] == "smtps":
        asyncio.run(serve_tls(args[1], args[2], args[3], args[4], args[5], [], implicit=True))
    elif len(args) == 2 and args[0] == "drop":
        asyncio.run(serve_drop(args[1]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
