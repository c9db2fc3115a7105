// Prisma errors are recognised by their codes, never by message text.
function prismaCode(e: unknown): string | undefined {
  if (typeof e === "object" && e !== null && "code" in e && typeof (e as { code: unknown }).code === "string") {
    return (e as { code: string }).code;
  }
  return undefined;
}

export const isUniqueViolation = (e: unknown) => prismaCode(e) === "P2002";
