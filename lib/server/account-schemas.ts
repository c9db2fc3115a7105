import { z } from "zod";
import { ROLES } from "@/lib/core/auth/roles";

// Answer shapes of the account routes (users, sessions), for the OpenAPI document.
const Text = z.string();
const Timestamp = z.string().describe("ISO 8601");

export const UserState = z.object({ id: Text, role: z.enum(ROLES), disabled: z.boolean() });
export const Session = z.object({
  id: Text,
  userId: Text,
  userName: Text,
  address: Text.nullable().describe("the client address at login"),
  createdAt: Timestamp,
  lastSeenAt: Timestamp.describe("to the minute; idle sessions end after VIRTSHIELD_SESSION_IDLE_MINUTES"),
  expiresAt: Timestamp,
});
export const SessionQuery = z.object({ all: z.enum(["0", "1"]).optional().describe("1: every user's sessions (admins only)") });
