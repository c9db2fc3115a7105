import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/fixtures/env";

// The real app (next build + next start) on a throwaway SQLite file, driven by Debian's chromium.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /fixtures[\\/]auth\.setup\.ts$/ },
    { name: "chromium", testMatch: /e2e[\\/][^\\/]+\.spec\.ts$/, dependencies: ["setup"], use: { storageState: E2E.adminState } },
  ],
  webServer: {
    // A fresh database every run: the directory goes before the server (and its migrations) start.
    command: `rm -rf ${E2E.dir} && mkdir -p ${E2E.dir} && node scripts/start.mjs`,
    url: `${E2E.baseURL}/login`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    env: E2E.serverEnv,
  },
});
