/** A tiny Docker token server (the Bearer realm) for registry tests: RS256 JWTs signed with a throwaway key. */
import { createHash, createSign, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";

export interface TokenServer {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** The signing key (PEM), from which the test makes the self-signed certificate the registry trusts. */
  readonly privateKeyPem: string;
  /** The scopes of every token request that carried good credentials, in order. */
  readonly requests: string[][];
  stop(): Promise<void>;
}

/**
 * Starts the realm on 127.0.0.1. It checks Basic credentials (401 otherwise) and grants every action asked
 * for. The JWT header names the key by its libtrust key id, which is how CNCF Distribution 2.x finds a key
 * in its `rootcertbundle`.
 */
export async function startTokenServer(credentials: {
  username: string;
  password: string;
}): Promise<TokenServer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = libtrustKeyId(publicKey);
  const service = "sofie-test-registry";
  const issuer = "sofie-test-issuer";
  const requests: string[][] = [];
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/token" || req.headers.authorization !== expected) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"details":"bad credentials"}');
      return;
    }
    const scopes = url.searchParams.getAll("scope");
    requests.push(scopes);
    const access = scopes.map((scope) => {
      const [type, ...rest] = scope.split(":");
      const actions = rest.pop() ?? "";
      return { type, name: rest.join(":"), actions: actions.split(",") };
    });
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(
      { alg: "RS256", typ: "JWT", kid },
      {
        iss: issuer,
        sub: credentials.username,
        aud: url.searchParams.get("service") ?? service,
        iat: now,
        nbf: now - 10,
        exp: now + 300,
        jti: randomUUID(),
        access,
      },
      privateKey,
    );
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("token server has no port");
  return {
    realm: `http://127.0.0.1:${address.port}/token`,
    service,
    issuer,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function signJwt(header: object, claims: object, key: KeyObject): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${createSign("RSA-SHA256").update(input).sign(key).toString("base64url")}`;
}

/** libtrust's key id: base32 of the first 30 bytes of sha256(SPKI DER), in 12 groups of 4 joined by ':'. */
function libtrustKeyId(publicKey: KeyObject): string {
  const hash = createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest();
  const base32 = base32Encode(hash.subarray(0, 30));
  return base32.match(/.{4}/g)!.join(":");
}

function base32Encode(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
