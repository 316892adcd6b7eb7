/**
 * Throwaway GitHub App keys, generated at runtime so no private key is ever committed.
 * GitHub hands out PKCS#1 keys (`BEGIN RSA PRIVATE KEY`); Probot's JWT library converts them to PKCS#8 on Node,
 * so both formats work and PKCS#1 is the default because it is what real installations use.
 */
import { generateKeyPairSync } from "node:crypto";

/** A PEM key pair: the private key for the app, the public key to verify its JWTs. */
export interface TestAppKeys {
  privateKey: string;
  publicKey: string;
}

const cache = new Map<string, TestAppKeys>();

/** Returns (and caches for the process) a 2048-bit RSA key pair in the given private-key format. */
export function testAppKeys(format: "pkcs1" | "pkcs8" = "pkcs1"): TestAppKeys {
  const hit = cache.get(format);
  if (hit) return hit;
  const keys = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: format, format: "pem" },
  });
  cache.set(format, keys);
  return keys;
}

/** The private key PEM only, e.g. for `new Probot({ appId, privateKey: testPrivateKey() })` or `PRIVATE_KEY`. */
export function testPrivateKey(format: "pkcs1" | "pkcs8" = "pkcs1"): string {
  return testAppKeys(format).privateKey;
}
