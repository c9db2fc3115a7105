#!/usr/bin/env node
// `npx virtshield <command>` (package.json "bin"): the command line of scripts/cli.ts, from any
// directory of the checkout. It migrates the database first, so it works before the first `npm start`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { supervise } from "./supervise.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Relative paths the caller gave keep meaning the caller's directory once we run from the root.
const { DATABASE_URL: dbUrl, VIRTSHIELD_SECRET_KEY_FILE: keyFile } = process.env;
if (dbUrl?.startsWith("file:")) process.env.DATABASE_URL = `file:${path.resolve(dbUrl.slice("file:".length))}`;
if (keyFile) process.env.VIRTSHIELD_SECRET_KEY_FILE = path.resolve(keyFile);
// From the root, as `npm start`: the defaults ./data/virtshield.db and ./data/secret.key are its files.
process.chdir(root);
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const options = { followParent: "npm_lifecycle_event" in process.env }; // npx's `sh -c`, as npm start's
let code = await supervise(tsx, [path.join(root, "scripts", "migrate.ts")], options);
if (code === 0) code = await supervise(tsx, [path.join(root, "scripts", "cli.ts"), ...process.argv.slice(2)], options);
process.exit(code);
