// `npm run cli -- <command>`: bootstrap and administration from a shell, no browser needed.
//   token create --role admin|operator|viewer [--name NAME]   prints a new API token on stdout
//   user create --name NAME --role ROLE                      reads the password from stdin
//   user reset-totp --name NAME                              turns off two-factor login (a locked-out admin)
//   user enable --name NAME                                  re-enables a disabled user
import { parseArgs } from "node:util";
import { ROLES, isRole, type Actor } from "@/lib/core/auth/roles";
import { createApiToken } from "@/lib/core/auth/api-tokens";
import { createUser, ensureFirstAdmin, findUserByName } from "@/lib/core/auth/users";
import { updateUser } from "@/lib/core/auth/manage-users";
import { resetTotp } from "@/lib/core/auth/totp";
import { isDomainError } from "@/lib/core/errors";
import { serverContext } from "@/lib/server/context";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";

process.umask(0o077);

const CLI_ACTOR: Actor = { type: "system", id: null, name: "cli", role: "admin" };

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password: ");
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function fail(message: string): never {
  process.stderr.write(`virtshield: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [noun, verb, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { role: { type: "string" }, name: { type: "string" } }, strict: true });
  const ctx = serverContext(CLI_ACTOR);
  if (noun === "token" && verb === "create") {
    if (!isRole(values.role)) fail(`--role must be one of ${ROLES.join(", ")}`);
    const admin = await ensureFirstAdmin(ctx, { name: env().VIRTSHIELD_ADMIN_NAME, password: env().VIRTSHIELD_ADMIN_PASSWORD });
    if (admin.created && admin.generatedPassword) process.stderr.write(`virtshield: first admin "${admin.name}" created with password: ${admin.generatedPassword}\n`);
    const { token } = await createApiToken(ctx, { name: values.name ?? `cli-${values.role}`, role: values.role });
    process.stdout.write(token + "\n");
  } else if (noun === "user" && verb === "create") {
    if (!values.name || !isRole(values.role)) fail(`usage: user create --name NAME --role ${ROLES.join("|")} (password on stdin)`);
    const user = await createUser(ctx, { name: values.name, role: values.role, password: await readStdin() });
    process.stderr.write(`virtshield: user ${user.name} (${user.role}) created\n`);
  } else if (noun === "user" && (verb === "reset-totp" || verb === "enable")) {
    // Shell access to the server is the proof of authority here, as for creating users.
    const user = values.name ? await findUserByName(ctx.db, values.name) : null;
    if (!user) fail(values.name ? `no user named ${values.name}` : `usage: user ${verb} --name NAME`);
    if (verb === "reset-totp") await resetTotp(ctx, user.id);
    else await updateUser(ctx, user.id, { disabled: false });
    process.stderr.write(`virtshield: ${verb === "reset-totp" ? "two-factor login turned off for" : "enabled"} ${user.name}\n`);
  } else {
    fail("usage: token create --role ROLE [--name NAME] | user create --name NAME --role ROLE | user reset-totp --name NAME | user enable --name NAME");
  }
}

main(process.argv.slice(2))
  .catch((e) => fail(isDomainError(e) ? e.message : e instanceof Error ? e.message : String(e)))
  .finally(() => db().$disconnect());
