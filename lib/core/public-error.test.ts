import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Logger } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { uniqueConflict } from "@/lib/core/db-errors";
import { toPublicError } from "@/lib/core/public-error";

function recordingLogger() {
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = { info() {}, warn() {}, error: (message, fields) => lines.push({ message, fields }) };
  return { log, lines };
}

describe("toPublicError", () => {
  it("shows a DomainError as it is, with its fields, and logs nothing", () => {
    const { log, lines } = recordingLogger();
    const e = new DomainError("NOT_FOUND", "No such host", { fieldErrors: { id: ["unknown"] } });
    expect(toPublicError(e, log)).toEqual({ code: "NOT_FOUND", message: "No such host", fieldErrors: { id: ["unknown"] } });
    expect(lines).toEqual([]);
  });

  it("turns a ZodError into VALIDATION naming the field", () => {
    const { log } = recordingLogger();
    const parsed = z.object({ port: z.number().max(65535) }).safeParse({ port: 70000 });
    const out = toPublicError(parsed.error, log);
    expect(out.code).toBe("VALIDATION");
    expect(Object.keys(out.fieldErrors ?? {})).toEqual(["port"]);
  });

  it("turns a unique-constraint violation into CONFLICT without leaking the database message", () => {
    const { log, lines } = recordingLogger();
    const prismaError = Object.assign(new Error("Unique constraint failed on the fields: (`name`) in table Host"), { code: "P2002" });
    const out = toPublicError(prismaError, log);
    expect(out).toEqual({ code: "CONFLICT", message: "A record with these values already exists" });
    expect(lines).toEqual([]);
  });

  it("hides anything else behind a random reference that is also in the log line", () => {
    const { log, lines } = recordingLogger();
    const first = toPublicError(new Error("SQLITE_CORRUPT at /var/lib/virtshield/db"), log, { in: "api", path: "/api/v1/hosts" });
    const second = toPublicError("a thrown string", log);
    expect(first.code).toBe("INTERNAL");
    expect(first.message).toMatch(/^Unexpected error \(ref [0-9a-f]{8}\)$/);
    expect(first.message).not.toContain("SQLITE");
    const ref = /ref ([0-9a-f]{8})/.exec(first.message)?.[1];
    expect(lines[0].fields).toMatchObject({ in: "api", path: "/api/v1/hosts", ref });
    expect(String(lines[0].fields?.error)).toContain("SQLITE_CORRUPT");
    expect(second.message).not.toBe(first.message);
    expect(lines[1].fields).toMatchObject({ error: "a thrown string" });
  });
});

describe("uniqueConflict", () => {
  it("maps only P2002 to CONFLICT, with the caller's wording, and hands other errors back", () => {
    const mapped = uniqueConflict({ code: "P2002" }, "A host named hv1 already exists", { name: ["already exists"] });
    expect(mapped).toBeInstanceOf(DomainError);
    expect(mapped).toMatchObject({ code: "CONFLICT", message: "A host named hv1 already exists", fieldErrors: { name: ["already exists"] } });
    const other = Object.assign(new Error("record not found"), { code: "P2025" });
    expect(uniqueConflict(other, "x")).toBe(other);
  });
});
