// An auth callout service on nats.js + nkeys.js, driven by NodeCalloutServiceTest. Argument: the issuer account
// seed. It makes a curve key and prints "XKEY <public key>", reads the server URL from stdin, connects as auth/pwd
// and answers $SYS.REQ.USER.AUTH: requests are opened with its curve key (sender: the Nats-Server-Xkey header),
// their signature checked against the server key in "iss"; alice/secret is admitted to APP (publish and subscribe
// "app.>"), anyone else gets an error; answers are sealed back to the server. Prints "ANSWERED <user> <verdict>".
import { connect } from "nats";
import { createCurve, fromPublic, fromSeed } from "nkeys.js";
import readline from "node:readline";
import { randomBytes } from "node:crypto";

const enc = new TextEncoder();
const issuer = fromSeed(enc.encode(process.argv[2]));
const xkey = createCurve();
console.log("XKEY " + xkey.getPublicKey());

const rl = readline.createInterface({ input: process.stdin });
const url = await new Promise((resolve) => rl.once("line", resolve));

const b64 = (bytes) => Buffer.from(bytes).toString("base64url");
function sign(claims) {
  claims.iss = issuer.getPublicKey();
  claims.iat = Math.floor(Date.now() / 1000);
  claims.jti = randomBytes(16).toString("hex").toUpperCase();
  const head = b64(enc.encode(JSON.stringify({ typ: "JWT", alg: "ed25519-nkey" })));
  const body = b64(enc.encode(JSON.stringify(claims)));
  return head + "." + body + "." + b64(issuer.sign(enc.encode(head + "." + body)));
}

function verified(token) {
  const [head, body, sig] = token.split(".");
  const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  const ok = fromPublic(claims.iss).verify(enc.encode(head + "." + body), Buffer.from(sig, "base64url"));
  return ok ? claims : null;
}

const nc = await connect({ servers: url, user: "auth", pass: "pwd" });
nc.subscribe("$SYS.REQ.USER.AUTH", {
  callback: (err, m) => {
    if (err) return;
    const serverKey = m.headers ? m.headers.get("Nats-Server-Xkey") : "";
    const opened = xkey.open(m.data, serverKey);
    const req = opened ? verified(Buffer.from(opened).toString("utf8")) : null;
    if (!req) {
      console.log("ANSWERED ? unreadable-request");
      return;
    }
    const { user, pass } = req.nats.connect_opts;
    const userNkey = req.nats.user_nkey;
    let answer;
    if (user === "alice" && pass === "secret") {
      const perms = { allow: ["app.>"] };
      const userJwt = sign({ sub: userNkey, aud: "APP", name: "alice",
        nats: { pub: perms, sub: perms, type: "user", version: 2 } });
      answer = { jwt: userJwt };
    } else {
      answer = { error: "unknown user " + user };
    }
    const response = sign({ sub: userNkey, aud: req.nats.server_id.id,
      nats: { ...answer, type: "authorization_response", version: 2 } });
    m.respond(xkey.seal(enc.encode(response), req.nats.server_id.xkey));
    console.log("ANSWERED " + user + " " + (answer.jwt ? "admitted" : "refused") + " " + req.iss);
  },
});
await nc.flush();
console.log("READY");
for await (const line of rl) {
  if (line === "quit") break;
}
await nc.drain();
rl.close();
console.log("BYE");
process.exit(0); // stdin stays open otherwise
