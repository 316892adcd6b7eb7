import { readMarker } from "../../src/domain/render/marker.js";
import {
  ONBOARDING_BRANCH,
  ONBOARDING_TITLE,
  onboardComponent,
} from "../../src/use-cases/onboard-component.js";
import { MANIFEST_PATH, WORKFLOW_PATH } from "../../src/domain/names.js";
import { FakeOnboardingHost, FakeSourceReader } from "../helpers/fakes.js";

const repo = { owner: "sofie-iot", repo: "flexibility-gateway" };
const PACKAGE_JSON = JSON.stringify({
  name: "flexibility-gateway",
  devDependencies: { jest: "^30.0.0" },
  scripts: { test: "jest" },
});
const DOCKERFILE = 'FROM node:20-slim\nENV PORT=3000\nEXPOSE 3000\nCMD ["node", "src/index.js"]\n';

function setup(files: Record<string, string> = { "package.json": PACKAGE_JSON, "src/index.js": "1\n" }) {
  const source = new FakeSourceReader({ ...files });
  const host = new FakeOnboardingHost();
  return { source, host, deps: { source, host } };
}

describe("onboardComponent", () => {
  it("opens a pull request with the manifest and the CI workflow for a repository with no manifest", async () => {
    const { deps, host } = setup();
    const outcome = await onboardComponent(deps, repo);
    expect(outcome).toEqual({ status: "opened", number: 1 });
    expect(host.writes).toEqual([`commit ${ONBOARDING_BRANCH}`, `open ${ONBOARDING_BRANCH}`]);

    const branch = host.branches.get(ONBOARDING_BRANCH);
    expect(branch?.parent).toBe("base-sha");
    expect(Object.keys(branch?.files ?? {}).sort()).toEqual([WORKFLOW_PATH, MANIFEST_PATH].sort());
    expect(branch?.files[MANIFEST_PATH]).toContain('component: "flexibility-gateway"');
    expect(branch?.files[WORKFLOW_PATH]).toContain("sofie-results");

    const pr = host.pulls[0];
    expect(pr).toMatchObject({
      head: ONBOARDING_BRANCH,
      base: "main",
      title: ONBOARDING_TITLE,
      state: "open",
    });
    expect(readMarker(pr?.body ?? "", "onboarding")).toBe("");
    expect(readMarker(pr?.body ?? "", "hash")).toMatch(/^[0-9a-f]{16}$/);
    expect(readMarker(pr?.body ?? "", "commit")).toBe(branch?.sha);
  });

  it("bases the pull request on the default branch, whatever it is called", async () => {
    const { deps, host } = setup();
    host.repository = { defaultBranch: "develop", archived: false, headSha: "dev-sha" };
    await onboardComponent(deps, repo);
    expect(host.pulls[0]?.base).toBe("develop");
    expect(host.branches.get(ONBOARDING_BRANCH)?.parent).toBe("dev-sha");
  });

  it("skips a repository whose default branch already has the manifest", async () => {
    const { deps, host } = setup({ [MANIFEST_PATH]: "component: gw\n" });
    const outcome = await onboardComponent(deps, repo);
    expect(outcome).toEqual({ status: "skipped", reason: `${MANIFEST_PATH} is already on main` });
    expect(host.writes).toEqual([]);
  });

  it.each([
    ["archived", { defaultBranch: "main", archived: true, headSha: "x" }, /archived/],
    ["empty", { defaultBranch: "main", archived: false, headSha: null }, /empty/],
    ["gone", undefined, /gone/],
  ] as const)("skips an %s repository", async (_name, info, reason) => {
    const { deps, host } = setup();
    host.repository = info;
    const outcome = await onboardComponent(deps, repo);
    expect(outcome).toEqual({ status: "skipped", reason: expect.stringMatching(reason) });
    expect(host.writes).toEqual([]);
  });

  it("says unchanged and writes nothing when the open pull request has the same content", async () => {
    const { deps, host } = setup();
    await onboardComponent(deps, repo);
    const body = host.pulls[0]?.body;
    const outcome = await onboardComponent(deps, repo);
    expect(outcome).toEqual({ status: "unchanged", number: 1 });
    expect(host.writes).toHaveLength(2);
    expect(host.pulls).toHaveLength(1);
    expect(host.pulls[0]?.body).toBe(body);
  });

  it("re-commits the branch and updates the pull request in place when the repository changed", async () => {
    const { deps, host, source } = setup();
    await onboardComponent(deps, repo);
    const first = { body: host.pulls[0]?.body ?? "", sha: host.branches.get(ONBOARDING_BRANCH)?.sha };
    source.files["Dockerfile"] = DOCKERFILE;

    const outcome = await onboardComponent(deps, repo);
    expect(outcome).toEqual({ status: "updated", number: 1 });
    expect(host.writes.slice(2)).toEqual([`commit ${ONBOARDING_BRANCH}`, "update #1"]);
    expect(host.pulls).toHaveLength(1);
    const branch = host.branches.get(ONBOARDING_BRANCH);
    expect(branch?.sha).not.toBe(first.sha);
    expect(branch?.files[MANIFEST_PATH]).toContain(`dockerfile: "Dockerfile"`);
    const body = host.pulls[0]?.body ?? "";
    expect(readMarker(body, "hash")).not.toBe(readMarker(first.body, "hash"));
    expect(readMarker(body, "commit")).toBe(branch?.sha);

    // and the update is itself idempotent
    expect(await onboardComponent(deps, repo)).toEqual({ status: "unchanged", number: 1 });
    expect(host.writes).toHaveLength(4);
  });

  it("leaves an open pull request alone when someone else pushed to its branch", async () => {
    const { deps, host, source } = setup();
    await onboardComponent(deps, repo);
    host.pushByHand(ONBOARDING_BRANCH, { [MANIFEST_PATH]: "component: edited-by-hand\n" });
    source.files["Dockerfile"] = DOCKERFILE; // content would change, but their edits win

    const outcome = await onboardComponent(deps, repo);
    expect(outcome).toEqual({ status: "unchanged", number: 1 });
    expect(host.writes).toHaveLength(2);
    expect(host.branches.get(ONBOARDING_BRANCH)?.files[MANIFEST_PATH]).toBe("component: edited-by-hand\n");
  });

  it("respects a closed, unmerged onboarding pull request unless asked to reopen", async () => {
    const { deps, host } = setup();
    await onboardComponent(deps, repo);
    host.pulls[0]!.state = "closed";

    const outcome = await onboardComponent(deps, repo);
    expect(outcome).toEqual({ status: "skipped", reason: expect.stringMatching(/#1 was closed.*\/onboard/) });
    expect(host.writes).toHaveLength(2);

    expect(await onboardComponent(deps, repo, { reopen: true })).toEqual({ status: "opened", number: 2 });
    expect(host.pulls.map((p) => p.state)).toEqual(["closed", "open"]);
  });

  it("opens the pull request on the next run after a crash left the branch without one", async () => {
    const { deps, host } = setup();
    await host.commitToBranch(repo, ONBOARDING_BRANCH, "base-sha", { stale: "x" }, "half-way");

    const outcome = await onboardComponent(deps, repo);
    expect(outcome).toEqual({ status: "opened", number: 1 });
    expect(host.pulls).toHaveLength(1);
    const branch = host.branches.get(ONBOARDING_BRANCH);
    expect(Object.keys(branch?.files ?? {})).toContain(MANIFEST_PATH);
    expect(readMarker(host.pulls[0]?.body ?? "", "commit")).toBe(branch?.sha);
  });
});
