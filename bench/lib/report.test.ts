import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatTable, tableRows, writeResults, type FigureResult } from "./report";

const dashboard: FigureResult = {
  id: "3-dashboard",
  title: "3 dashboard",
  status: "measured",
  measures: [{ name: "/hosts", unit: "ms", summary: { n: 30, median: 120.4, min: 90, max: 400, p95: 310 }, detail: "4 queries, 80 KB", target: { text: "≤ 300 ms median", met: true } }],
};
const rollout: FigureResult = { id: "6-rollout", title: "6 rollout", status: "not-built", measures: [] };

describe("bench report", () => {
  it("prints targets beside the figures and never a number for what is not built", () => {
    const text = formatTable(tableRows([dashboard, rollout]));
    expect(text).toMatch(/\/hosts\s+120 ms\s+90.0\s+400\s+310\s+≤ 300 ms median\s+yes\s+4 queries, 80 KB/);
    expect(text).toMatch(/6 rollout\s+not measured yet \(feature not built\)/);
  });

  it("replaces only the figures of this run in the day's file", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
    const now = new Date("2026-12-02T07:00:00Z");
    writeResults(root, [dashboard, rollout], { quick: false, now });
    const file = writeResults(root, [{ ...rollout, status: "failed", note: "lab down" }, { ...dashboard, status: "failed", note: "/ answered 500", measures: [] }], { quick: false, now });
    expect(path.basename(file)).toBe("2026-12-02.json");
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as { figures: FigureResult[] };
    expect(saved.figures.map((f) => [f.id, f.status])).toEqual([["3-dashboard", "measured"], ["6-rollout", "failed"]]);
    expect(saved.figures[0].measures).toHaveLength(1);
    expect(saved.figures[0].laterFailure).toBe("2026-12-02T07:00:00.000Z: / answered 500");
    expect(path.basename(writeResults(root, [dashboard], { quick: true, now }))).toBe("quick-2026-12-02.json");
    fs.rmSync(root, { recursive: true });
  });
});
