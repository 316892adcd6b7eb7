import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["lib/", "node_modules/", "coverage/", "test/fixtures/", "test/__outputs__/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The dependency rule: the domain is pure. It imports no SDK, no adapter, no Probot wiring and no I/O module.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["probot", "@octokit/*", "@aws-sdk/*", "@kubernetes/*", "better-sqlite3", "yauzl"],
              message: "domain/ is pure: no SDKs.",
            },
            {
              group: ["**/adapters/**", "**/app/**", "**/use-cases/**", "**/cli/**"],
              message: "domain/ imports nothing from outer layers.",
            },
            {
              group: [
                "node:fs",
                "node:fs/*",
                "fs",
                "node:net",
                "node:http",
                "node:https",
                "node:child_process",
              ],
              message: "domain/ does no I/O.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/use-cases/**/*.ts", "src/ports/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["probot", "@octokit/*", "@aws-sdk/*", "@kubernetes/*", "better-sqlite3"],
              message: "use cases talk to ports, not SDKs.",
            },
            { group: ["**/adapters/**", "**/app/**"], message: "use cases import ports and domain only." },
          ],
        },
      ],
    },
  },
);
