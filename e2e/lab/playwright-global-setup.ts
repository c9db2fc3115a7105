// Playwright globalSetup: the same lab as the integration tests. Returning a function makes it
// Playwright's teardown, which runs after the whole run, failed or not.
import { setup, teardown } from "./vitest-global-setup";

export default async function globalSetup(): Promise<() => Promise<void>> {
  await setup();
  return teardown;
}
