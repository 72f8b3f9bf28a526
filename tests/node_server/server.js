#!/usr/bin/env node
// Socket.IO echo server for the Pulse Studio tests.
//
// It implements exactly the protocol of runtime/plugins/socketio/echo_server.py so that
// every client test can run against the reference implementation (Node.js socket.io 4.8)
// and against python-socketio, and catch behaviour that differs between the two.
//
// Usage: node server.js --port 0 [--host 127.0.0.1] [--quiet]
// The first stdout line is `PORT <n>` (the bound port); then, unless --quiet,
// one line per connection, event and disconnection:
//   CONNECT <ns> <sid> <auth json>
//   RECV <ns> <event> <payload json>      (payload: the single argument, else the list of arguments)
//   DISCONNECT <ns> <sid> <reason>
//
// Protocol (namespaces "/", "/chat" and any matching /room-*; "/forbidden" is refused
// with the message "forbidden namespace", any other with "Invalid namespace"):
//   flood        {event?, count, payload?} -> `count` events `event` (default "flood") carrying
//                `payload`, or the index 0..count-1 when no payload key; ack {sent: count}.
//   kick         {close?: bool} -> ack {kicked: true}, then a server-side disconnect of this
//                namespace (close: true drops the whole connection, all namespaces).
//   whoami       -> emits and acks "whoami" {sid, auth, namespace}; auth is the handshake auth
//                object, or null when none (or empty) was sent.
//   broadcast    {event, payload?} -> emits `event` with `payload` to every client of the
//                namespace; ack {broadcast: event}.
//   server_error {message?} -> emits "exception" {message} (Socket.IO v4 has no generic error
//                event from server to client, so the error is an ordinary named event).
//   any other E  -> emits E back to the sender with the same arguments, and acks them.
// Invalid control payloads emit "exception" {message} instead.
"use strict";

const http = require("node:http");
const { parseArgs } = require("node:util");
const { Server } = require("socket.io");

const ROOM_NAMESPACE = /^\/room-.*$/;
const MAX_FLOOD = 1000000;
const CONTROL_EVENTS = new Set(["flood", "kick", "whoami", "broadcast", "server_error"]);
const RESERVED_EVENTS = new Set(["connect", "connect_error", "disconnect", "disconnecting", "newListener",
  "removeListener"]);

const { values: opts } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    quiet: { type: "boolean", default: false },
  },
});

function log(line) {
  if (!opts.quiet) process.stdout.write(line + "\n");
}

function json(value) {
  const text = JSON.stringify(value);
  return text === undefined ? "null" : text;
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function normaliseAuth(auth) {
  // The Python server sees no auth and an empty auth object alike (None): do the same here.
  return isPlainObject(auth) && Object.keys(auth).length > 0 ? auth : null;
}

function exception(socket, message) {
  socket.emit("exception", { message });
}

function floodRequest(data) {
  if (!isPlainObject(data)) return null;
  const event = data.event === undefined ? "flood" : data.event;
  const count = data.count;
  if (typeof event !== "string" || event === "") return null;
  if (!Number.isInteger(count) || count < 0 || count > MAX_FLOOD) return null;
  return { event, count, hasPayload: "payload" in data, payload: data.payload };
}

function handleControl(socket, event, args, ack) {
  const data = args.length > 0 ? args[0] : undefined;
  switch (event) {
    case "flood": {
      const req = floodRequest(data);
      if (req === null) {
        exception(socket, `flood expects {"event": str, "count": int 0..${MAX_FLOOD}, "payload": any}`);
        return;
      }
      for (let i = 0; i < req.count; i++) socket.emit(req.event, req.hasPayload ? req.payload : i);
      if (ack) ack({ sent: req.count });
      return;
    }
    case "kick": {
      const close = isPlainObject(data) && data.close === true;
      if (ack) ack({ kicked: true });
      socket.disconnect(close);
      return;
    }
    case "whoami": {
      const info = { sid: socket.id, auth: normaliseAuth(socket.handshake.auth), namespace: socket.nsp.name };
      socket.emit("whoami", info);
      if (ack) ack(info);
      return;
    }
    case "broadcast": {
      const event = isPlainObject(data) ? data.event : undefined;
      if (typeof event !== "string" || event === "" || RESERVED_EVENTS.has(event)) {
        exception(socket, 'broadcast expects {"event": str, "payload": any}');
        return;
      }
      socket.nsp.emit(event, data.payload === undefined ? null : data.payload);
      if (ack) ack({ broadcast: event });
      return;
    }
    case "server_error": {
      const message =
        isPlainObject(data) && typeof data.message === "string" ? data.message : "server_error requested";
      socket.emit("exception", { message });
      if (ack) ack({ message });
      return;
    }
  }
}

function onConnection(socket) {
  const ns = socket.nsp.name;
  log(`CONNECT ${ns} ${socket.id} ${json(normaliseAuth(socket.handshake.auth))}`);
  socket.on("disconnect", (reason) => log(`DISCONNECT ${ns} ${socket.id} ${reason}`));
  socket.onAny((event, ...args) => {
    // With an acknowledgement requested, socket.io passes the ack callback as last argument.
    const ack = args.length > 0 && typeof args[args.length - 1] === "function" ? args.pop() : null;
    log(`RECV ${ns} ${event} ${json(args.length === 1 ? args[0] : args)}`);
    if (CONTROL_EVENTS.has(event)) {
      handleControl(socket, event, args, ack);
      return;
    }
    socket.emit(event, ...args);
    if (ack) ack(...args);
  });
}

const httpServer = http.createServer();
const io = new Server(httpServer, { cors: { origin: "*" } });

io.of("/").on("connection", onConnection);
io.of("/chat").on("connection", onConnection);
io.of(ROOM_NAMESPACE).on("connection", onConnection);
io.of("/forbidden").use((_socket, next) => next(new Error("forbidden namespace")));
// Any other namespace is refused by socket.io itself with {message: "Invalid namespace"}.

httpServer.on("error", (err) => {
  process.stderr.write(`server.js: ${err.message}\n`);
  process.exit(1);
});
httpServer.listen(Number(opts.port), opts.host, () => {
  process.stdout.write(`PORT ${httpServer.address().port}\n`);
});

function shutdown() {
  io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
