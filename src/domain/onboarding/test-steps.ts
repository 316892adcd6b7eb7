import type { TestSetup } from "./repo-facts.js";

/**
 * The workflow steps (YAML lines, indented for a step list) that set up the detected
 * toolchain and run the unit tests with a JUnit reporter writing where
 * `setup.reports` says. Actions are pinned to major versions.
 */
export function testSteps(setup: TestSetup): string[] {
  const q = (text: string) => JSON.stringify(text);
  const dir = setup.directory;
  const inDir = dir === "." ? [] : [`  working-directory: ${q(dir)}`];
  const file = (name: string) => (dir === "." ? name : `${dir}/${name}`);
  const run = (name: string, commands: readonly string[], env: readonly string[] = []) => [
    `- name: ${name}`,
    ...inDir,
    ...(env.length > 0 ? ["  env:", ...env.map((line) => `    ${line}`)] : []),
    ...(commands.length === 1 ? [`  run: ${commands[0]}`] : ["  run: |", ...commands.map((c) => `    ${c}`)]),
  ];
  switch (setup.framework) {
    case "jest":
    case "mocha":
    case "vitest": {
      const pm = setup.packageManager ?? "npm";
      const exec = { npm: "npx", yarn: "yarn", pnpm: "pnpm exec" }[pm];
      const install = {
        npm: setup.lockfile ? "npm ci" : "npm install",
        yarn: "yarn install",
        pnpm: "pnpm install",
      }[pm];
      const add = { npm: "npm install --no-save", yarn: "yarn add --dev", pnpm: "pnpm add --save-dev" }[pm];
      const node = setup.versionFile
        ? [`    node-version-file: ${q(file(setup.versionFile))}`]
        : [`    node-version: ${q(setup.toolchainVersion ?? "20")}`];
      const steps = ["- uses: actions/setup-node@v4", "  with:", ...node];
      if (pm !== "npm") steps.push("- run: corepack enable");
      steps.push(...run("Install dependencies", [install]));
      if (setup.framework === "jest") {
        steps.push(...run("Add the JUnit reporter", [`${add} jest-junit`]));
        steps.push(
          ...run(
            "Run the unit tests",
            [`${exec} jest --ci --reporters=default --reporters=jest-junit`],
            ["JEST_JUNIT_OUTPUT_DIR: reports/junit", "JEST_JUNIT_OUTPUT_NAME: jest.xml"],
          ),
        );
      } else if (setup.framework === "mocha") {
        steps.push(...run("Add the JUnit reporter", [`${add} mocha-junit-reporter`]));
        steps.push(
          ...run("Run the unit tests", [
            `${exec} mocha --reporter mocha-junit-reporter --reporter-options mochaFile=reports/junit/mocha.xml`,
          ]),
        );
      } else {
        steps.push(
          ...run("Run the unit tests", [
            `${exec} vitest run --reporter=default --reporter=junit --outputFile.junit=reports/junit/vitest.xml`,
          ]),
        );
      }
      return steps;
    }
    case "pytest": {
      const python = setup.versionFile
        ? [`    python-version-file: ${q(file(setup.versionFile))}`]
        : [`    python-version: ${q(setup.toolchainVersion ?? "3.12")}`];
      const requirements = (setup.requirements ?? []).map((path) => {
        const relative = dir === "." ? path : path.slice(dir.length + 1);
        return `pip install -r ${q(relative)}`;
      });
      return [
        "- uses: actions/setup-python@v5",
        "  with:",
        ...python,
        ...run("Install dependencies", [
          "python -m pip install --upgrade pip",
          ...requirements,
          "pip install pytest",
        ]),
        ...run("Run the unit tests", ["python -m pytest --junitxml=reports/junit/pytest.xml"]),
      ];
    }
    case "maven":
    case "gradle": {
      const maven = setup.framework === "maven";
      const tool = maven ? (setup.wrapper ? "./mvnw" : "mvn") : setup.wrapper ? "./gradlew" : "gradle";
      return [
        "- uses: actions/setup-java@v4",
        "  with:",
        "    distribution: temurin",
        `    java-version: ${q(setup.toolchainVersion ?? "21")}`,
        ...(maven ? ["    cache: maven"] : []),
        ...(maven ? [] : ["- uses: gradle/actions/setup-gradle@v4"]),
        // Surefire and Gradle write JUnit XML by themselves.
        ...run("Run the unit tests", [maven ? `${tool} --batch-mode test` : `${tool} test`]),
      ];
    }
    case "go":
      return [
        "- uses: actions/setup-go@v5",
        "  with:",
        `    go-version-file: ${q(file(setup.versionFile ?? "go.mod"))}`,
        ...run("Run the unit tests", [
          "mkdir -p reports/junit",
          "go run gotest.tools/gotestsum@v1.12.0 --junitfile reports/junit/go.xml -- ./...",
        ]),
      ];
    case "none":
      return [
        "- name: Run the unit tests",
        "  run: |",
        '    echo "::error::No unit tests were detected. Replace this step with one that runs them and writes JUnit XML under reports/junit/"',
        "    exit 1",
      ];
  }
}
