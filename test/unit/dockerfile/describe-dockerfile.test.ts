import { describeDockerfile } from "../../../src/domain/dockerfile/describe-dockerfile.js";

describe("describeDockerfile", () => {
  it("reads a port from an ARG default through ENV and EXPOSE", () => {
    const text = "FROM node:20\nARG HTTP_PORT=8080\nENV HTTP_PORT=${HTTP_PORT}\nEXPOSE ${HTTP_PORT}\n";
    expect(describeDockerfile(text)).toMatchObject({
      exposedPorts: [{ port: 8080, env: "HTTP_PORT" }],
      portVariables: [{ name: "HTTP_PORT", port: 8080 }],
      variables: [{ name: "HTTP_PORT", value: "8080", fromVariables: true }],
    });
  });

  it("does not see a global ARG in a stage that does not re-declare it", () => {
    expect(describeDockerfile("ARG HTTP_PORT=8080\nFROM node:20\nEXPOSE ${HTTP_PORT}\n")).toEqual({
      exposedPorts: [],
      portVariables: [],
      variables: [],
    });
  });

  it("reads EXPOSE of the final stage only, and the ENVs it inherits from the stage it is built on", () => {
    const text =
      "FROM node AS base\nENV PORT=3000\nFROM golang AS build\nEXPOSE 9999\nFROM base\nEXPOSE $PORT\n";
    expect(describeDockerfile(text).exposedPorts).toEqual([{ port: 3000, env: "PORT" }]);
  });

  it("takes the env of a port from a default reference only, not from ${VAR:+alt}", () => {
    const text = "FROM nginx\nARG TLS=on\nEXPOSE ${TLS:+8443} ${PORT:-8080}\n";
    expect(describeDockerfile(text).exposedPorts).toEqual([{ port: 8443 }, { port: 8080, env: "PORT" }]);
  });

  it("tells a hard-coded IP address in a value from a host name", () => {
    const text = "FROM node\nENV BROKER_HOST=192.168.1.20 DB_HOST=db LOCAL_HOST=127.0.0.1\n";
    expect(describeDockerfile(text).variables.map((v) => [v.name, v.hardCodedAddress])).toEqual([
      ["BROKER_HOST", true],
      ["DB_HOST", false],
      ["LOCAL_HOST", false],
    ]);
  });
});
