/**
 * The onboarding pull request, merged as it is, must pass the bot's own checks (manifest
 * validation and the Dockerfile parametrisation check) exactly when the Dockerfile is
 * parametrised: over every sample repository, the committed rendered manifests, and the
 * shapes real Dockerfiles give their ports.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkDockerfile } from "../../../src/domain/dockerfile/check-dockerfile.js";
import { parseManifest } from "../../../src/domain/manifest/parse-manifest.js";
import type { Problem } from "../../../src/domain/problem.js";
import { prefillOnboarding } from "../../../src/use-cases/prefill-onboarding.js";
import { loadSample, loadSamples, type OnboardingSample } from "../../helpers/onboarding-samples.js";

const MANIFEST = ".sofie/component.yml";
const OUTPUTS = fileURLToPath(new URL("../../__outputs__/onboarding/", import.meta.url));

/** What the bot says of a manifest on a repository: manifest problems, then each image's Dockerfile findings. */
function botChecks(manifestText: string, contents: Readonly<Record<string, string>>): Problem[] {
  const { manifest, problems } = parseManifest(manifestText, MANIFEST);
  const errors = problems.filter((p) => p.severity === "error");
  if (!manifest) return errors;
  return [
    ...errors,
    ...manifest.images.flatMap((image) => {
      const text = contents[image.dockerfile];
      return text === undefined
        ? [
            {
              file: image.dockerfile,
              line: 1,
              column: 1,
              message: "no Dockerfile",
              severity: "error" as const,
            },
          ]
        : checkDockerfile(text, image.dockerfile, image);
    }),
  ];
}

/** The manifest the onboarding pull request (and `sofie-bot init`) writes for `repo`. */
async function prefill(repo: Omit<OnboardingSample, "name" | "dir" | "parametrised">): Promise<string> {
  const { files } = await prefillOnboarding(
    { listPaths: async () => repo.files, readFile: async (path) => repo.contents[path] },
    { owner: repo.org, repo: repo.repoName, defaultBranch: repo.defaultBranch },
  );
  return files[MANIFEST] ?? "";
}

const show = (problems: readonly Problem[]) => problems.map((p) => `${p.file}:${p.line} ${p.message}`);

describe("the prefilled manifest passes the bot's checks exactly when the Dockerfile is parametrised", () => {
  describe.each(loadSamples().map((sample) => [sample.name, sample] as const))(
    "sample %s",
    (_name, sample) => {
      it(`prefilled: ${sample.parametrised ? "passes" : "fails"}`, async () => {
        const problems = botChecks(await prefill(sample), sample.contents);
        if (sample.parametrised) expect(show(problems)).toEqual([]);
        else expect(problems.length).toBeGreaterThan(0);
      });
    },
  );

  const outputs = readdirSync(OUTPUTS).filter((name) => existsSync(join(OUTPUTS, name, "component.yml")));
  it.each(outputs)("the committed test/__outputs__/onboarding/%s/component.yml, merged as is", (name) => {
    const sample = loadSample(name);
    const problems = botChecks(readFileSync(join(OUTPUTS, name, "component.yml"), "utf8"), sample.contents);
    if (sample.parametrised) expect(show(problems)).toEqual([]);
    else expect(problems.length).toBeGreaterThan(0);
  });
});

/** [shape, Dockerfile, parametrised, the ports the manifest should declare (env=default)]. */
const SHAPES: ReadonlyArray<readonly [string, string, boolean, readonly string[]]> = [
  [
    "ARG, ENV from it, EXPOSE ${VAR}",
    "FROM node:20\nARG HTTP_PORT=8080\nENV HTTP_PORT=${HTTP_PORT}\nEXPOSE ${HTTP_PORT}\nCMD node server.js\n",
    true,
    ["HTTP_PORT=8080"],
  ],
  ["EXPOSE $VAR of an ARG", "FROM node:20\nARG PORT=8080\nEXPOSE $PORT\n", true, ["PORT=8080"]],
  ["ENV PORT=8080 then EXPOSE $PORT", "FROM node:20\nENV PORT=8080\nEXPOSE $PORT\n", true, ["PORT=8080"]],
  ["the legacy ENV form", "FROM node:20\nENV PORT 8080\nEXPOSE $PORT\n", true, ["PORT=8080"]],
  ["EXPOSE ${PORT:-8080}", "FROM node:20\nEXPOSE ${PORT:-8080}\nCMD node server.js\n", true, ["PORT=8080"]],
  ["ENV PORT=${PORT:-8080}", "FROM node:20\nENV PORT=${PORT:-8080}\nEXPOSE ${PORT}\n", true, ["PORT=8080"]],
  [
    "${VAR:+alt}",
    "FROM nginx\nARG TLS=on\nENV HTTPS_PORT=${TLS:+8443}\nEXPOSE ${HTTPS_PORT}\n",
    true,
    ["HTTPS_PORT=8443"],
  ],
  [
    "EXPOSE 8080/tcp set by ENV",
    "FROM node:20\nENV HTTP_PORT=8080\nEXPOSE 8080/tcp\n",
    true,
    ["HTTP_PORT=8080"],
  ],
  [
    "EXPOSE ${VAR}/tcp",
    "FROM node:20\nENV HTTP_PORT=8080\nEXPOSE ${HTTP_PORT}/tcp\n",
    true,
    ["HTTP_PORT=8080"],
  ],
  [
    "multiple ports",
    "FROM node:20\nENV HTTP_PORT=8080 METRICS_PORT=9100\nEXPOSE ${HTTP_PORT} ${METRICS_PORT}/tcp\n",
    true,
    ["HTTP_PORT=8080", "METRICS_PORT=9100"],
  ],
  [
    "a port variable the image connects to",
    "FROM node:20\nENV HTTP_PORT=8080 BROKER_HOST=broker BROKER_PORT=1883\nEXPOSE $HTTP_PORT\n",
    true,
    ["HTTP_PORT=8080", "BROKER_PORT=1883"],
  ],
  [
    "an ARG of another name feeding the port",
    "FROM node:20\nARG APP_PORT=8080\nENV PORT=${APP_PORT}\nEXPOSE ${PORT}\n",
    true,
    ["PORT=8080"],
  ],
  [
    "multi-stage, the port in the final stage",
    [
      "FROM golang:1.22 AS build",
      "ENV PORT=1234",
      "EXPOSE 1234",
      "RUN go build -o /app .",
      "FROM gcr.io/distroless/base AS final",
      "ARG HTTP_PORT=8080",
      "ENV HTTP_PORT=$HTTP_PORT",
      "COPY --from=build /app /app",
      "EXPOSE $HTTP_PORT",
      'ENTRYPOINT ["/app"]',
    ].join("\n"),
    true,
    ["HTTP_PORT=8080"],
  ],
  [
    "multi-stage, the final stage built on a stage that sets the port",
    "FROM node:20 AS base\nENV PORT=3000\nFROM base AS final\nEXPOSE ${PORT}\n",
    true,
    ["PORT=3000"],
  ],
  [
    "ARG before FROM, re-declared in the stage",
    "ARG HTTP_PORT=8080\nFROM node:20\nARG HTTP_PORT\nENV HTTP_PORT=${HTTP_PORT}\nEXPOSE ${HTTP_PORT}\n",
    true,
    ["HTTP_PORT=8080"],
  ],
  [
    "the escape directive and CRLF",
    "# escape=`\r\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\r\nARG HTTP_PORT=8080\r\nENV HTTP_PORT=${HTTP_PORT} `\r\n    ASPNETCORE_URLS=http://+:${HTTP_PORT}\r\nEXPOSE ${HTTP_PORT}\r\n",
    true,
    ["HTTP_PORT=8080"],
  ],
  ["a hard-coded port, no parameter", "FROM node:20\nEXPOSE 8080\nCMD node server.js\n", false, []],
  [
    "a hard-coded port in CMD",
    'FROM node:20\nENV PORT=3000\nEXPOSE $PORT\nCMD ["node", "server.js", "--port", "3000"]\n',
    false,
    [],
  ],
  [
    "a hard-coded IP address as a variable's value",
    "FROM node:20\nENV PORT=3000 BROKER_HOST=192.168.1.20\nEXPOSE $PORT\n",
    false,
    [],
  ],
  [
    "a hard-coded IP address in CMD",
    'FROM node:20\nENV PORT=3000\nEXPOSE $PORT\nCMD ["node", "app.js", "--broker", "10.0.0.7"]\n',
    false,
    [],
  ],
];

describe.each(SHAPES)("Dockerfile shape: %s", (_shape, dockerfile, parametrised, ports) => {
  const repo = {
    org: "sofie-iot",
    repoName: "gateway",
    defaultBranch: "main",
    files: ["Dockerfile"],
    contents: { Dockerfile: dockerfile },
  };

  it(
    parametrised ? "prefills a manifest that passes the checks" : "prefills a manifest that still fails them",
    async () => {
      const manifest = await prefill(repo);
      const problems = botChecks(manifest, repo.contents);
      if (parametrised) {
        expect(show(problems)).toEqual([]);
        const parsed = parseManifest(manifest, MANIFEST).manifest;
        expect(parsed?.images[0]?.ports.map((p) => `${p.env}=${p.default}`)).toEqual(ports);
      } else {
        expect(problems.length).toBeGreaterThan(0);
        expect(problems.every((p) => p.file === "Dockerfile")).toBe(true);
      }
    },
  );
});
