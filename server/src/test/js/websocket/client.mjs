// A nats.ws client under node, driven by NodeWebSocketClientTest: connects to the websocket URL given as the
// first argument, answers on "js.svc", echoes "to.js" messages to "from.js", says hello, and exits on "js.quit".
// Node 20 has no global WebSocket: the "ws" package stands in for the browser's.
import WebSocket from "ws";
globalThis.WebSocket = WebSocket;
const { connect, StringCodec, headers } = await import("nats.ws");

const sc = StringCodec();
const nc = await connect({ servers: process.argv[2], name: "nats.ws-under-node" });

nc.subscribe("js.svc", { callback: (err, m) => { if (!err) m.respond(sc.encode("js:" + sc.decode(m.data))); } });
nc.subscribe("to.js", {
  callback: (err, m) => {
    if (err) return;
    const h = headers();
    h.set("X-Seen-By", "node");
    nc.publish("from.js", sc.encode("echo:" + sc.decode(m.data)), { headers: h });
  },
});
const quit = nc.subscribe("js.quit", { max: 1 });
await nc.flush();
nc.publish("from.js", sc.encode("hello from js"));
await nc.flush();
console.log("READY " + nc.info.server_id);

for await (const _ of quit) {
  // the test is done with us
}
await nc.drain();
console.log("BYE");
