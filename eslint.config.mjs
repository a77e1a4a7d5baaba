// ESLint runs the checks that need types (typescript-eslint's strict and stylistic type-checked sets);
// layout is Prettier's job (`.prettierrc.json`), so no formatting rule is turned on here.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: ["dist/", ".tools/", "**/node_modules/"],
  },
  js.configs.recommended,
  {
    rules: {
      // `const { __provider: _provider, ...rest } = props` is how the code copies an object without a key.
      "no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is checked against the tsconfig.json nearest to it (the examples have their own);
        // the demo program is in none, so it gets the root one.
        projectService: { allowDefaultProject: ["demo/*.ts"], defaultProject: "tsconfig.json" },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Durations, counts and ports go into messages as numbers all over; every other non-string stays an error,
      // as in the strict set.
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false, allowRegExp: false },
      ],
      // `(value) => resolve(value)` callbacks and `return send(...)` in a function that returns nothing are the
      // codebase's idiom; a void value used anywhere else is still flagged.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // `import COS = require("cos-nodejs-sdk-v5")` is how TypeScript imports an `export =` module.
      "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
      // Asks for `value!` where strict's no-non-null-assertion forbids it; the two cannot both hold.
      "@typescript-eslint/non-nullable-type-assertion-style": "off",
      // As for JavaScript above.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: {
      // Tests read decoded wire answers and feed deliberately ill-typed inputs through an `any` that
      // no-explicit-any makes them declare with a reason; using that value must not be flagged at every step.
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Plain CommonJS: the package.json scripts and the Pulumi programs of the test and benchmark fixtures.
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      // The only Node.js globals these files use (CommonJS brings `require` and `module`).
      globals: { __dirname: "readonly", process: "readonly" },
    },
  },
);
