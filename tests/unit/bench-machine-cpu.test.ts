import { describe, expect, it } from "vitest";
import { cpuShareBetween, parseCpuTicks } from "@/bench/machine-cpu";

const stat = (user: number, idle: number, iowait: number, steal: number) =>
  `cpu  ${user} 0 100 ${idle} ${iowait} 5 5 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3`;

describe("the machine's CPU share over a window (bench)", () => {
  it("splits the window's ticks into busy, stolen and I/O wait, as percents of all of them", () => {
    const before = parseCpuTicks(stat(1_000, 5_000, 10, 2));
    const after = parseCpuTicks(stat(1_600, 5_300, 60, 52));
    // 600 user + 300 idle + 50 iowait + 50 steal = 1,000 ticks in the window.
    expect(cpuShareBetween(before, after)).toEqual({ busyPercent: 60, stealPercent: 5, iowaitPercent: 5 });
  });

  it("gives nothing rather than a wrong figure for text it can't read or a window with no ticks", () => {
    expect(parseCpuTicks("intr 1 2 3")).toBeNull();
    expect(parseCpuTicks("cpu 1 2 three 4 5 6 7 8")).toBeNull();
    expect(parseCpuTicks("cpu 1 2 3")).toBeNull();
    const same = parseCpuTicks(stat(1_000, 5_000, 10, 2));
    expect(cpuShareBetween(same, same)).toBeNull();
    expect(cpuShareBetween(null, same)).toBeNull();
  });
});
