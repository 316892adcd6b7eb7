import { parseChallenge } from "../../../src/adapters/oci/parse-challenge.js";

describe("parseChallenge", () => {
  test("reads a Bearer challenge, quoted values with commas included", () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"',
      ),
    ).toEqual({ scheme: "bearer", realm: "https://auth.example.com/token", service: "registry.example.com" });
  });

  test("reads Basic (ECR) whatever its parameters, and is case-insensitive", () => {
    expect(
      parseChallenge(
        'Basic realm="https://123.dkr.ecr.eu-west-1.amazonaws.com/",service="ecr.amazonaws.com"',
      ),
    ).toEqual({
      scheme: "basic",
    });
    expect(parseChallenge("bearer Realm=http://127.0.0.1:1/token")).toEqual({
      scheme: "bearer",
      realm: "http://127.0.0.1:1/token",
    });
  });

  test("gives up on what it cannot answer", () => {
    expect(parseChallenge(null)).toBeUndefined();
    expect(parseChallenge("Negotiate abc")).toBeUndefined();
    expect(parseChallenge('Bearer service="no realm"')).toBeUndefined();
    expect(parseChallenge("")).toBeUndefined();
  });
});
