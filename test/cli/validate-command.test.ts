import { readFile } from "node:fs/promises";
import { runValidateCommand } from "../../src/cli/validate-command.js";

const fixtures = new URL("../fixtures/config/", import.meta.url);

function harness(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (s: string) => void out.push(s),
    stderr: (s: string) => void err.push(s),
    async readFile(path: string): Promise<string> {
      if (path in files) return files[path] ?? "";
      if (path.startsWith("fixtures/"))
        return readFile(new URL(path.slice("fixtures/".length), fixtures), "utf8");
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
    },
  };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

describe("sofie-bot validate", () => {
  it("exits 0 and says so for a valid manifest", async () => {
    const h = harness();
    expect(await runValidateCommand(["fixtures/component-valid.yml"], h.io)).toBe(0);
    expect(h.out()).toBe("fixtures/component-valid.yml: valid component manifest\n");
    expect(h.err()).toBe("");
  });

  it("tells a policy by its keys", async () => {
    const h = harness();
    expect(await runValidateCommand(["fixtures/policy-valid.yml"], h.io)).toBe(0);
    expect(h.out()).toBe("fixtures/policy-valid.yml: valid organisation policy\n");
  });

  it("prints each problem as file:line:col message on stdout and exits 2", async () => {
    const h = harness({
      "c.yml": "component: Bad_Name\npilot: p\nimages: [{ name: x }]\ndevelopers: '@o/t'\nextra: 1\n",
    });
    expect(await runValidateCommand(["c.yml"], h.io)).toBe(2);
    expect(h.out()).toBe(
      [
        `c.yml:1:12 component: "Bad_Name" is not a DNS-1123 label; use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit, e.g. "bad-name"`,
        `c.yml:5:1 extra: unknown key "extra"; allowed keys here: component, pilot, branch, ci, junit, images, developers, deploy`,
        "",
      ].join("\n"),
    );
    expect(h.err()).toBe("c.yml: invalid component manifest (2 problems)\n");
  });

  it("honours --kind over the content", async () => {
    const h = harness({ "x.yml": "component: gateway\n" });
    expect(await runValidateCommand(["--kind", "policy", "x.yml"], h.io)).toBe(2);
    expect(h.out()).toMatch(/^x\.yml:1:1 component: unknown key "component"/);
    expect(h.err()).toBe("x.yml: invalid organisation policy (1 problem)\n");
    const h2 = harness({ "x.yml": "maintainers: '@o/t'\n" });
    expect(await runValidateCommand(["--kind=policy", "x.yml"], h2.io)).toBe(0);
  });

  it("validates an undetectable file as a manifest", async () => {
    const h = harness({ "x.yml": "- 1\n" });
    expect(await runValidateCommand(["x.yml"], h.io)).toBe(2);
    expect(h.out()).toMatch(/component manifest is a mapping|not a list/);
    expect(h.err()).toBe("x.yml: invalid component manifest (1 problem)\n");
  });

  it("exits 2 with a one-line reason for an unreadable file", async () => {
    const h = harness();
    expect(await runValidateCommand(["missing.yml"], h.io)).toBe(2);
    expect(h.err()).toBe("missing.yml: cannot read the file: no such file\n");
    expect(h.out()).toBe("");
  });

  it("checks every file given and exits 2 when one is invalid", async () => {
    const h = harness({ "bad.yml": "component: x\n" });
    expect(await runValidateCommand(["fixtures/component-minimal.yml", "bad.yml"], h.io)).toBe(2);
    expect(h.out()).toMatch(/^fixtures\/component-minimal\.yml: valid component manifest\n/);
  });

  it.each([[[]], [["--kind"]], [["--kind", "other", "a.yml"]], [["--bogus", "a.yml"]]])(
    "exits 1 with usage for %j",
    async (args) => {
      const h = harness();
      expect(await runValidateCommand(args, h.io)).toBe(1);
      expect(h.err()).toMatch(/usage: sofie-bot validate/);
    },
  );

  it("prints usage for --help and exits 0", async () => {
    const h = harness();
    expect(await runValidateCommand(["--help"], h.io)).toBe(0);
    expect(h.out()).toMatch(/^usage: sofie-bot validate/);
  });

  it("reports hostile files as problems, never throws", async () => {
    const h = harness();
    for (const name of [
      "evil-billion-laughs.yml",
      "evil-tags.yml",
      "evil-prototype.yml",
      "evil-tabs.yml",
      "empty.yml",
    ]) {
      expect(await runValidateCommand([`fixtures/${name}`], h.io)).toBe(2);
    }
  });
});
