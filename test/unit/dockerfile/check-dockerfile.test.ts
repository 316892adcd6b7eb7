import { checkDockerfile, type ImageParameters } from "../../../src/domain/dockerfile/check-dockerfile.js";

const NONE: ImageParameters = { ports: [], addresses: [] };
const HTTP: ImageParameters = { ports: [{ name: "http", env: "HTTP_PORT", default: 8080 }], addresses: [] };

function check(text: string, image: ImageParameters = NONE) {
  return checkDockerfile(text, "Dockerfile", image);
}
function where(text: string, image: ImageParameters = NONE) {
  return check(text, image).map((p) => `${p.line}:${p.column}`);
}

describe("checkDockerfile: ports", () => {
  it("flags a port in an exec-form CMD, at the literal, with a fix", () => {
    const [problem, ...rest] = check('FROM alpine\nCMD ["server", "--port", "9000"]\n');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: "Dockerfile", line: 2, column: 27, severity: "error" });
    expect(problem?.message).toContain(
      'hard-coded port 9000 in CMD; read it from a parameter: ENV HTTP_PORT=9000 and use "$HTTP_PORT"',
    );
    expect(problem?.message).toContain("exec form does not expand variables");
    expect(problem?.message).toContain("declare it in .sofie/component.yml under images[].ports");
  });

  it("flags --server.port= in a shell-form ENTRYPOINT", () => {
    const problems = check("FROM eclipse-temurin:21\nENTRYPOINT java -jar app.jar --server.port=8081\n");
    expect(problems.map((p) => [p.line, p.column, p.message.slice(0, 36)])).toEqual([
      [2, 44, "hard-coded port 8081 in ENTRYPOINT; "],
    ]);
  });

  it("flags the port of a HEALTHCHECK URL and suggests ${HTTP_PORT}", () => {
    const [problem] = check(
      "FROM alpine\nHEALTHCHECK --interval=5s CMD curl -f http://localhost:8080/health\n",
      HTTP,
    );
    expect(problem).toMatchObject({ line: 2, column: 56 });
    expect(problem?.message).toContain("use ${HTTP_PORT}; HTTP_PORT is already declared");
  });

  it("accepts ports from parameters", () => {
    const text = [
      "FROM alpine",
      "ARG HTTP_PORT=8080",
      "ENV HTTP_PORT=${HTTP_PORT}",
      "EXPOSE ${HTTP_PORT} $HTTP_PORT/tcp",
      'CMD ["sh", "-c", "exec server --port \\"$HTTP_PORT\\""]',
      "HEALTHCHECK CMD curl -f http://localhost:${HTTP_PORT:-8080}/health",
      "ENTRYPOINT server --listen=:$PORT",
    ].join("\n");
    expect(check(text, HTTP)).toEqual([]);
  });

  it("accepts EXPOSE 8080 when the manifest declares it and the Dockerfile sets its variable", () => {
    expect(check("FROM alpine\nENV HTTP_PORT=8080\nEXPOSE 8080\n", HTTP)).toEqual([]);
    expect(check("ARG HTTP_PORT=8080\nFROM alpine\nARG HTTP_PORT\nEXPOSE 8080/tcp\n", HTTP)).toEqual([]);
  });

  it("flags EXPOSE 8080 when the manifest declares it but the Dockerfile does not set it", () => {
    const [problem] = check("FROM alpine\nEXPOSE 8080\n", HTTP);
    expect(problem?.message).toContain("add ENV HTTP_PORT=8080");
    expect(problem).toMatchObject({ line: 2, column: 8 });
  });

  it("flags EXPOSE with no manifest port, and each port of a list", () => {
    expect(where("FROM alpine\nEXPOSE 3000 9000/udp 8000-8010\n")).toEqual(["2:8", "2:13", "2:22"]);
  });

  it("flags a port variable whose value differs from the manifest or is not declared", () => {
    expect(check("FROM alpine\nENV HTTP_PORT=9090\n", HTTP)[0]?.message).toContain(
      "differs from the default 8080 declared for HTTP_PORT",
    );
    expect(check("FROM alpine\nENV METRICS_PORT=9100\n", HTTP)[0]?.message).toContain(
      "{ name: metrics, env: METRICS_PORT, default: 9100 }",
    );
  });

  it("checks CMD, ENTRYPOINT, EXPOSE and HEALTHCHECK only in the final stage", () => {
    const text = "FROM golang AS build\nEXPOSE 1234\nCMD server --port 9000\nFROM alpine\nCMD server\n";
    expect(check(text)).toEqual([]);
  });

  it("flags PORT=9000 and -p 9000 in RUN of the final stage, not mkdir -p", () => {
    const text = "FROM alpine\nRUN export PORT=9000 && mkdir -p 1000 && ssh -p 2222 x\n";
    expect(where(text)).toEqual(["2:17", "2:49"]);
  });
});

describe("checkDockerfile: addresses", () => {
  it("flags the address and the port in ENV BROKER_URL", () => {
    const problems = check("FROM alpine\nENV BROKER_URL=tcp://10.0.0.5:1883\n");
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      "2:22 hard-coded address 10.0.0.5 in ENV BROKER_URL; take it from a parameter (e.g. BROKER_HOST) declared under images[].addresses in .sofie/component.yml",
      expect.stringMatching(/^2:31 hard-coded port 1883 in ENV BROKER_URL; /),
    ]);
  });

  it("accepts an ENV that is the default of a declared address", () => {
    const image = { ports: [], addresses: [{ env: "BROKER_URL", default: "tcp://10.0.0.5:1883" }] };
    expect(check("FROM alpine\nENV BROKER_URL=tcp://10.0.0.5:1883\n", image)).toEqual([]);
  });

  it("flags a hosts-file entry written by RUN, in any stage, and in a heredoc", () => {
    expect(where('FROM alpine AS b\nRUN echo "192.168.1.20 broker" >> /etc/hosts\nFROM alpine\n')).toEqual([
      "2:11",
    ]);
    expect(where("FROM alpine\nRUN <<EOF\necho 192.168.1.20 broker >> /etc/hosts\nEOF\n")).toEqual(["3:6"]);
  });

  it("flags IPv6 addresses in URLs and host options", () => {
    expect(where("FROM alpine\nCMD curl http://[fd00::1]:8080/ && app --host 2001:db8::5\n")).toEqual([
      "2:18",
      "2:27",
      "2:47",
    ]);
  });

  it("accepts any-address and loopback", () => {
    const text = [
      "FROM alpine",
      "ENV BIND=0.0.0.0 LOOP=127.0.0.1 V6=:: V6L=::1 MAPPED=::ffff:127.0.0.1",
      "CMD server --host 0.0.0.0 --bind=[::]",
    ].join("\n");
    expect(check(text)).toEqual([]);
  });

  it("does not take versions, digests, MAC addresses or times for addresses or ports", () => {
    const text = [
      "FROM python:3.11.7 AS build",
      "RUN pip install x==1.2.3.4 y>=1.2.3.4 && apt-get install -y foo=1.2.3.4",
      "RUN curl -L https://example.com/releases/1.2.3.4/tool.tgz | tar xz",
      "FROM node:20-alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "ENV NODE_VERSION=1.2.3.4 MAC=00:1a:2b:3c:4d:5e WHEN=10:30:00",
      "RUN docker pull redis:7 && chown app:1000 /x && chown 1000:1000 /y && echo v1.2.3.4",
      "COPY --from=build /app /app",
      "USER 1000:1000",
      'CMD ["node", "server.js"]',
    ].join("\n");
    expect(check(text)).toEqual([]);
  });

  it("still flags an IP after a host key, option or network command in RUN", () => {
    const text = "FROM alpine\nRUN ping -c1 10.1.2.3 && app --db-host=10.1.2.4 && export DB_HOST=10.1.2.5\n";
    expect(where(text)).toEqual(["2:14", "2:40", "2:67"]);
  });
});

describe("checkDockerfile: syntax", () => {
  it("follows line continuations, the escape directive and comment lines", () => {
    const text = "# escape=`\nFROM alpine\nCMD server `\n  # a comment: --port 1\n  --port `\n  9000\n";
    expect(where(text)).toEqual(["6:3"]);
  });

  it("ignores comments, also after a command in shell form", () => {
    expect(check("# EXPOSE 80\nFROM alpine\n# CMD --port 9000\nCMD server # --port 9000\n")).toEqual([]);
  });

  it("handles CRLF line ends", () => {
    expect(where("FROM alpine\r\nCMD server --port 9000\r\n")).toEqual(["2:19"]);
  });
});

describe("checkDockerfile: hostile input", () => {
  it("returns nothing for empty and comment-only files", () => {
    expect(check("")).toEqual([]);
    expect(check("# only\n# comments\n")).toEqual([]);
  });

  it("refuses binary content with a clear problem", () => {
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(check(binary)[0]?.message).toContain("not a text file");
  });

  it("refuses a 5 MB Dockerfile with a clear problem", () => {
    const text = "FROM alpine\n" + "RUN echo 10.0.0.1:8080\n".repeat(230_000); // 5.3 MB
    const problems = check(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^the Dockerfile is \d+ KiB; .* at most 256 KiB/);
  });

  it("reads 200 KB single lines and pathological words", () => {
    const cases = [
      "FROM alpine\nRUN " + "a:".repeat(100_000),
      "FROM alpine\nRUN " + "1.1.1.1=".repeat(25_000),
      "FROM alpine\nENV X=" + "${".repeat(100_000),
      "FROM alpine\nRUN " + ":".repeat(200_000) + "1",
      "FROM alpine\nCMD " + "[".repeat(100_000) + '"--port", "9000"',
      "FROM alpine\nRUN " + "fd00::1:80/".repeat(18_000),
    ];
    for (const text of cases) expect(Array.isArray(check(text))).toBe(true);
    expect(check("FROM alpine\nRUN " + "curl 10.0.0.1:8080/ ".repeat(10_000))).toHaveLength(20_000);
  });
});

describe("checkDockerfile: variables as Docker expands them", () => {
  it("accepts EXPOSE 8080 when ENV sets the declared variable from an ARG", () => {
    expect(check("FROM alpine\nARG HTTP_PORT=8080\nENV HTTP_PORT=${HTTP_PORT}\nEXPOSE 8080\n", HTTP)).toEqual(
      [],
    );
  });

  it("reports an undeclared port parameter once, where its number is written", () => {
    const text = "FROM alpine\nARG HTTP_PORT=8080\nENV HTTP_PORT=${HTTP_PORT}\nEXPOSE ${HTTP_PORT}\n";
    expect(check(text).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      expect.stringMatching(/^2:15 port parameter HTTP_PORT=8080 in ARG is not declared; /),
    ]);
  });

  it("compares a port parameter's expanded value with the manifest", () => {
    expect(check("FROM alpine\nENV HTTP_PORT=${HTTP_PORT:-9090}\n", HTTP)[0]?.message).toContain(
      "ENV HTTP_PORT=9090 differs from the default 8080",
    );
    const global = "ARG HTTP_PORT=9090\nFROM alpine\nARG HTTP_PORT\nENV HTTP_PORT=$HTTP_PORT\n";
    expect(where(global, HTTP)).toEqual(["1:15"]);
  });

  it("does not see a global ARG in a stage that does not re-declare it", () => {
    expect(where("ARG HTTP_PORT=8080\nFROM alpine\nEXPOSE 8080\n", HTTP)).toEqual(["3:8"]);
  });

  it("accepts a build ARG that only feeds a declared port variable", () => {
    const image = { ports: [{ name: "http", env: "PORT", default: 8080 }], addresses: [] };
    expect(check("FROM alpine\nARG APP_PORT=8080\nENV PORT=${APP_PORT}\nEXPOSE ${PORT}\n", image)).toEqual(
      [],
    );
  });

  it("checks the stages the final stage is built on, and only what reaches the image", () => {
    expect(where("FROM alpine AS base\nENV HTTP_PORT=9090\nFROM base\nCMD server\n", HTTP)).toEqual(["2:15"]);
    expect(check("FROM alpine AS base\nENV HTTP_PORT=8080\nFROM base\nEXPOSE 8080\n", HTTP)).toEqual([]);
    expect(check("FROM alpine\nENV HTTP_PORT=9090\nENV HTTP_PORT=8080\n", HTTP)).toEqual([]);
  });

  it("says how to fix an address hard-coded in a declared address variable", () => {
    const image = { ports: [], addresses: [{ env: "BROKER_HOST" }] };
    expect(check("FROM alpine\nENV BROKER_HOST=192.168.1.20\n", image)[0]?.message).toContain(
      "BROKER_HOST is declared under images[].addresses in .sofie/component.yml",
    );
  });
});
