// Run a child process as part of this one: signals to us reach it, and it does not outlive us.
// Used by `npm start` (scripts/start.mjs) for migrate, build and the Next server, and by the
// `virtshield` command (scripts/virtshield.mjs). Plain Node, no TypeScript: `npm start` runs it as is.
import { spawn } from "node:child_process";
import os from "node:os";

const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Spawns `cmd args` with our stdio and resolves with the code this process should exit with: the
 * child's exit code, or 128 + the signal's number when a signal ended it (as a shell reports it).
 *
 * - SIGINT, SIGTERM and SIGHUP sent to this process are passed on to the child.
 * - With `followParent`, losing our parent counts as SIGTERM. npm runs `npm start` as
 *   `sh -c "node scripts/start.mjs"`, and dash does not exec that last command: SIGTERM to npm kills
 *   the shell, which passes nothing on, and we were left running with the server holding the port.
 *   Callers set it only under npm: `nohup node scripts/start.mjs &` must outlive the shell it left.
 * - A child still running `graceMs` after the first signal is killed with SIGKILL: Next's shutdown
 *   waits for open requests to finish, and an open event stream (a jobs page) never does.
 */
export function supervise(cmd, args, { followParent = false, graceMs = 10_000, env = process.env, pollMs = 250 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    const parent = process.ppid;
    let killTimer;
    const stop = (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      killTimer ??= setTimeout(() => child.kill("SIGKILL"), graceMs);
    };
    const handlers = FORWARDED.map((signal) => [signal, () => stop(signal)]);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    // Node has no parent-death signal (prctl PR_SET_PDEATHSIG), so watch our parent pid instead.
    const orphanWatch = setInterval(() => {
      if (!followParent || process.ppid === parent) return;
      clearInterval(orphanWatch);
      stop("SIGTERM");
    }, pollMs);
    const done = () => {
      clearInterval(orphanWatch);
      clearTimeout(killTimer);
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    child.on("error", (e) => {
      done();
      reject(e);
    });
    child.on("exit", (code, signal) => {
      done();
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 0));
    });
  });
}
