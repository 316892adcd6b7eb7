import { DEFAULT_LADDER } from "../../src/domain/maturity/default-ladder.js";
import { checkPullRequest } from "../../src/use-cases/check-pull-request.js";
import { MANIFEST_PATH } from "../../src/domain/names.js";
import { FakeCheckRuns, FakeSourceReader } from "../helpers/fakes.js";
import { liveMentions } from "../helpers/live-mentions.js";
import { BUILT_AND_TESTED } from "../helpers/maturity-evidence.js";
import { writeOutput } from "../unit/render/sample-reports.js";

const repo = { owner: "sofie-iot", repo: "flexibility-gateway" };
const HEAD = "9999999999999999999999999999999999999999";
const names = { manifest: "SOFIE manifest", maturity: "SOFIE maturity" };
const MANIFEST = `component: flexibility-gateway
pilot: energy-exchange
branch: main
ci:
  workflow: sofie-ci.yml
  artifact: sofie-results
junit: "reports/**/*.xml"
images:
  - name: flexibility-gateway
    dockerfile: Dockerfile
    context: .
    tags: ["{sha}", "{branch}", "latest"]
    ports: [{ name: http, env: HTTP_PORT, default: 8080 }]
    addresses: [{ env: BROKER_HOST }]
developers: "@sofie-iot/flexibility-team"
`;
const DOCKERFILE = `FROM node:20-slim
ENV HTTP_PORT=8080
ENV BROKER_HOST=broker
EXPOSE 8080
CMD ["node", "index.js"]
`;

function setup(files: Record<string, string>, changed: string[]) {
  const source = new FakeSourceReader(files);
  source.changed = changed;
  const checks = new FakeCheckRuns();
  const deps = { source, checks, ladder: DEFAULT_LADDER, names, now: "2026-11-25T12:00:00Z" };
  const run = (name: string) => {
    const found = checks.runs.find((r) => r.start.name === name);
    const last = found?.updates.at(-1);
    return {
      found,
      conclusion: last?.conclusion,
      summary: last?.output.summary ?? "",
      title: last?.output.title,
      annotations: found?.updates.flatMap((u) => u.output.annotations ?? []) ?? [],
    };
  };
  const check = () =>
    checkPullRequest(deps, repo, { number: 7, headSha: HEAD, baseEvidence: BUILT_AND_TESTED });
  return { checks, run, check };
}

describe("checkPullRequest", () => {
  it("fails the manifest check of an invalid manifest, with an annotation at the problem's line", async () => {
    const invalid = MANIFEST.replace("branch: main", "branch: main\nreplicas: lots").replace(
      "component: flexibility-gateway",
      "component: Flexibility_Gateway",
    );
    const { run, check } = setup({ [MANIFEST_PATH]: invalid, Dockerfile: DOCKERFILE }, [MANIFEST_PATH]);
    const effect = await check();

    const manifest = run(names.manifest);
    expect(manifest.found?.start).toMatchObject({ headSha: HEAD, externalId: `sofie-manifest:${HEAD}` });
    expect(manifest.conclusion).toBe("failure");
    expect(manifest.title).toMatch(/manifest problem/);
    expect(manifest.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: MANIFEST_PATH, start_line: 1, annotation_level: "failure" }),
        expect.objectContaining({ path: MANIFEST_PATH, start_line: 4 }),
      ]),
    );
    for (const a of manifest.annotations) expect(a.path).toBe(MANIFEST_PATH);
    expect(manifest.summary).toMatch(/level 0/);

    // merging it would take the component down from level 2
    expect(effect).toEqual({ before: 2, after: 0 });
    // levels 0-1 never block a merge without the ratchet: neutral, with the drop in the title
    expect(run(names.maturity)).toMatchObject({
      conclusion: "neutral",
      title: expect.stringMatching(/^Level 2 → 0/),
    });
  });

  it("passes a valid manifest and says which level the merged manifest would allow", async () => {
    const { run, check } = setup({ [MANIFEST_PATH]: MANIFEST, Dockerfile: DOCKERFILE }, [MANIFEST_PATH]);
    const effect = await check();
    const manifest = run(names.manifest);
    expect(manifest.conclusion).toBe("success");
    expect(manifest.annotations).toEqual([]);
    expect(manifest.summary).toContain("is valid");
    expect(manifest.summary).toMatch(/would leave the component at \*\*level 2\*\*.*it is at level 2 now/s);
    expect(effect).toEqual({ before: 2, after: 2 });
    expect(run(names.maturity).conclusion).toBe("success");
  });

  it("posts only the maturity check when the manifest is not touched, with the PR's effect on the level", async () => {
    const hardCoded = DOCKERFILE.replace("ENV BROKER_HOST=broker", "ENV BROKER_URL=tcp://10.20.30.40:1883");
    const { run, check, checks } = setup({ [MANIFEST_PATH]: MANIFEST, Dockerfile: hardCoded }, [
      "Dockerfile",
    ]);
    const effect = await check();
    expect(checks.runs.map((r) => r.start.name)).toEqual([names.maturity]);
    expect(effect.before).toBe(2);
    expect(effect.after).toBeLessThan(2);
    const maturity = run(names.maturity);
    expect(maturity.found?.start).toMatchObject({ headSha: HEAD, externalId: `sofie-maturity:${HEAD}` });
    expect(maturity.summary).toMatch(/level 2/);
    expect(maturity.summary).toMatch(new RegExp(`level ${effect.after}`));
    expect(maturity.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "Dockerfile",
          start_line: 3,
          message: expect.stringMatching(/10\.20\.30\.40/),
        }),
      ]),
    );
  });

  it("updates the same check runs when the pull request event is delivered again", async () => {
    const { checks, check } = setup({ [MANIFEST_PATH]: MANIFEST, Dockerfile: DOCKERFILE }, [MANIFEST_PATH]);
    await check();
    await check();
    expect(checks.runs.map((r) => r.start.name).sort()).toEqual([names.manifest, names.maturity]);
  });

  it("fails the manifest check of a pull request that deletes the manifest", async () => {
    const { run, check } = setup({ Dockerfile: DOCKERFILE }, [MANIFEST_PATH]);
    await check();
    const manifest = run(names.manifest);
    expect(manifest.conclusion).toBe("failure");
    expect(manifest.annotations).toEqual([
      expect.objectContaining({
        path: MANIFEST_PATH,
        start_line: 1,
        message: expect.stringMatching(/removes/),
      }),
    ]);
  });

  it("breaks every @-mention that manifest values and Dockerfile findings echo back", async () => {
    const hostile = MANIFEST.replace("component: flexibility-gateway", 'component: "@octocat"')
      .replace("pilot: energy-exchange", 'pilot: "@sofie-iot/lmf-maintainers"')
      .replace('developers: "@sofie-iot/flexibility-team"', 'developers: "@octocat"')
      .replace("addresses: [{ env: BROKER_HOST }]", 'addresses: [{ env: BROKER_HOST }]\n    "@octocat": 1');
    const dockerfile = DOCKERFILE.replace(
      "ENV BROKER_HOST=broker",
      "ENV BROKER_URL=tcp://10.20.30.40:1883/@sofie-iot/lmf-maintainers",
    );
    const invalid = setup({ [MANIFEST_PATH]: hostile, Dockerfile: dockerfile }, [MANIFEST_PATH]);
    await invalid.check();
    const manifest = invalid.run(names.manifest);
    // A valid manifest, so that the Dockerfile is checked and its findings annotated.
    const valid = setup({ [MANIFEST_PATH]: MANIFEST, Dockerfile: dockerfile }, ["Dockerfile"]);
    await valid.check();
    const maturity = valid.run(names.maturity);
    writeOutput("mentions-manifest-check", `<!-- title: ${manifest.title} -->\n\n${manifest.summary}`);
    expect(manifest.summary).toMatch(/octocat/);
    for (const text of [manifest.summary, maturity.summary]) expect(liveMentions(text)).toEqual([]);
    const plain = [manifest, maturity].flatMap((r) => [
      r.title ?? "",
      ...r.annotations.map((a) => `${a.title ?? ""}\n${a.message}`),
    ]);
    expect(maturity.annotations.length).toBeGreaterThan(0);
    expect(liveMentions(plain.join("\n"), { plain: true })).toEqual([]);
  });
});
