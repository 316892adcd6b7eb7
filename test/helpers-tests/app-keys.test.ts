import { createPublicKey, createVerify } from "node:crypto";
import { ProbotOctokit } from "probot";
import { testAppKeys, testPrivateKey } from "../helpers/app-keys.js";
import { githubMock } from "../helpers/github-mock.js";

describe("testAppKeys", () => {
  it("generates a PKCS#1 key by default, PKCS#8 on request, cached per process", () => {
    expect(testPrivateKey()).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(testPrivateKey("pkcs8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(testPrivateKey()).toBe(testPrivateKey());
  });

  it.each(["pkcs1", "pkcs8"] as const)(
    "signs app JWTs that Octokit's app auth sends and the public key verifies (%s)",
    async (format) => {
      const gh = githubMock().expect("GET /app", {
        reply: [200, { id: 1, slug: "sofie", name: "SOFIE" }],
        validateReply: false,
      });
      try {
        const app = new ProbotOctokit({
          auth: { appId: 1, privateKey: testPrivateKey(format) },
          retry: { enabled: false },
          throttle: { enabled: false },
        });
        await app.request("GET /app");
        gh.verify();
        const jwt = String(gh.requests[0]?.headers.authorization).replace(/^bearer /i, "");
        const [header, payload, signature] = jwt.split(".") as [string, string, string];
        const verifier = createVerify("RSA-SHA256").update(`${header}.${payload}`);
        expect(
          verifier.verify(
            createPublicKey(testAppKeys(format).publicKey),
            Buffer.from(signature, "base64url"),
          ),
        ).toBe(true);
        expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toMatchObject({ iss: 1 });
      } finally {
        gh.close();
      }
    },
  );
});
