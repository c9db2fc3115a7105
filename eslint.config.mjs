// `npm run lint` (run by `npm test` right after the typecheck): the Next.js and typescript-eslint
// recommended rules, and the import walls of ARCHITECTURE.md. Syntax-only rules (no type
// information), so the whole tree lints in well under a minute on two cores.
//
// Import cycles are not checked here but by lib/core/architecture.test.ts: `import-x/no-cycle`
// (and eslint-plugin-import's `import/no-cycle`) re-resolve the graph from every file and took
// 30 to 120 s on this tree, where the test's walk of the same graph takes milliseconds.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const TESTS = ["**/*.test.ts", "**/*.test.tsx"];

// The plugin object eslint-config-next registers for every file: flat config refuses a second
// object under the same name, so the walls below reuse this one.
const importPlugin = nextVitals.find((c) => c.plugins?.import).plugins.import;

// `import/no-restricted-paths` resolves each import to a file first (through tsconfig's `@/*`
// paths), so one zone catches `@/lib/server/db` and `../../server/db` alike.
const TEST_CODE = { from: ["./e2e", "./testing"], message: "Production code never imports test code (e2e/, testing/)." };
const CORE_WALL = { from: ["./app", "./components", "./lib/server"], message: "lib/core imports no adapters (app/, components/, lib/server): they import core." };
const NEXT_OR_REACT = "lib/core is plain TypeScript: no Next.js or React.";

const config = [
  {
    ignores: ["lib/generated/**", ".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "data/**", "next-env.d.ts"],
  },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // A parameter fixed by the caller (`_prev` of a useActionState action, `_config` of a
      // Playwright hook) or a value dropped on purpose is named with a leading `_`.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Production code: the app, its components, lib, the CLI and scripts, the root config files.
    files: ["app/**", "components/**", "lib/**", "scripts/**", "instrumentation.ts", "proxy.ts", "next.config.ts", "prisma.config.ts"],
    ignores: TESTS,
    plugins: { import: importPlugin },
    rules: { "import/no-restricted-paths": ["error", { zones: [{ target: "./", ...TEST_CODE }] }] },
  },
  {
    // lib/core runs under Vitest and from the CLI unchanged.
    files: ["lib/core/**"],
    ignores: TESTS,
    plugins: { import: importPlugin },
    rules: {
      "import/no-restricted-paths": ["error", { zones: [{ target: "./lib/core", ...CORE_WALL }, { target: "./lib/core", ...TEST_CODE }] }],
      "no-restricted-imports": [
        "error",
        {
          paths: ["next", "react", "react-dom", "server-only", "client-only"].map((name) => ({ name, message: NEXT_OR_REACT })),
          patterns: [{ group: ["next/*", "react/*", "react-dom/*", "@next/*"], message: NEXT_OR_REACT }],
        },
      ],
    },
  },
];

export default config;
