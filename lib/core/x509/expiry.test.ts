import { describe, expect, it } from "vitest";
import { daysLeft, expiryBand, needsRenewal } from "./expiry";

const now = new Date("2026-03-01T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("expiry", () => {
  it("counts whole days left, negative once expired", () => {
    expect(daysLeft(at("2026-03-31T12:00:00Z"), now)).toBe(30);
    expect(daysLeft(at("2026-03-31T11:59:59Z"), now)).toBe(29);
    expect(daysLeft(at("2026-03-01T18:00:00Z"), now)).toBe(0);
    expect(daysLeft(at("2026-03-01T11:00:00Z"), now)).toBe(-1);
  });

  it.each([
    [-1, "expired"],
    [0, "critical"],
    [6, "critical"],
    [7, "warning"],
    [29, "warning"],
    [30, "ok"],
    [3650, "ok"],
  ])("puts %i days in band %s", (days, band) => {
    expect(expiryBand(days)).toBe(band);
  });

  it("asks for renewal inside the threshold", () => {
    expect(needsRenewal(at("2026-03-31T12:00:01Z"), now)).toBe(false);
    expect(needsRenewal(at("2026-03-31T11:59:59Z"), now)).toBe(true);
    expect(needsRenewal(at("2026-03-20T12:00:00Z"), now, 20)).toBe(true);
    expect(needsRenewal(at("2026-03-20T12:00:00Z"), now, 19)).toBe(false);
    expect(needsRenewal(at("2026-02-01T00:00:00Z"), now)).toBe(true);
  });
});
