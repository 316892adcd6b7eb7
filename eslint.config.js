import js from "@eslint/js";
import tseslint from "typescript-eslint";
import layers from "./eslint/dependency-rule.js";

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
    // The dependency rule for every layer of src/ (the table is in eslint/dependency-rule.js).
    files: ["src/**/*.ts"],
    plugins: { layers },
    rules: { "layers/dependency-rule": ["error", { root: "src" }] },
  },
  {
    // Settings are read once at start, in config/, and passed in: the inner layers never read the environment.
    files: ["src/domain/**/*.ts", "src/ports/**/*.ts", "src/use-cases/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "process", message: "read settings in config/ and pass them in" },
      ],
    },
  },
);
