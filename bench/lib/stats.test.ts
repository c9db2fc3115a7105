import { describe, expect, it } from "vitest";
import { interleave, median, percentile, summarize } from "./stats";

describe("bench stats", () => {
  it("takes the nearest-rank p95 and the middle of an even count", () => {
    const thirty = Array.from({ length: 30 }, (_, i) => 30 - i);
    expect(percentile([...thirty].sort((a, b) => a - b), 95)).toBe(29);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(summarize([5, 1, 9])).toEqual({ n: 3, median: 5, min: 1, max: 9, p95: 9 });
  });

  it("interleaves variants round by round, alternating which goes first", async () => {
    const order: string[] = [];
    const out = await interleave(3, {
      a: async () => (order.push("a"), 1),
      b: async () => (order.push("b"), 2),
    });
    expect(order).toEqual(["a", "b", "b", "a", "a", "b"]);
    expect(out).toEqual({ a: [1, 1, 1], b: [2, 2, 2] });
  });

  it("refuses to summarise nothing", () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});
