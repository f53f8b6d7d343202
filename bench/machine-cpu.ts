import { readFileSync } from "node:fs";

/** The whole machine's CPU time so far, in clock ticks per kind (Linux /proc/stat's first line). */
interface CpuTicks {
  busy: number;
  steal: number;
  iowait: number;
  total: number;
}

/** How the machine's CPUs spent a window: percent of all their time, every process included. */
export interface MachineCpuShare {
  /** Running anything (user, nice, system, interrupts). */
  busyPercent: number;
  /** Taken by the hypervisor for other guests: this VM's CPUs stood still. */
  stealPercent: number;
  iowaitPercent: number;
}

/** Null where /proc/stat is not there (not Linux): the bench then reports no machine figures. */
export function readCpuTicks(): CpuTicks | null {
  try {
    return parseCpuTicks(readFileSync("/proc/stat", "utf8"));
  } catch {
    return null;
  }
}

/** The first line of /proc/stat: cpu user nice system idle iowait irq softirq steal (guest time is inside user). */
export function parseCpuTicks(procStat: string): CpuTicks | null {
  const [label, ...fields] = (procStat.split("\n")[0] ?? "").trim().split(/\s+/);
  const values = fields.slice(0, 8).map(Number);
  if (label !== "cpu" || values.length < 8 || values.some(Number.isNaN)) return null;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values as Eight;
  const busy = user + nice + system + irq + softirq;
  return { busy, steal, iowait, total: busy + idle + iowait + steal };
}

type Eight = [number, number, number, number, number, number, number, number];

export function cpuShareBetween(before: CpuTicks | null, after: CpuTicks | null): MachineCpuShare | null {
  if (!before || !after || after.total <= before.total) return null;
  const total = after.total - before.total;
  const percent = (ticks: number) => Math.round((1000 * ticks) / total) / 10;
  return {
    busyPercent: percent(after.busy - before.busy),
    stealPercent: percent(after.steal - before.steal),
    iowaitPercent: percent(after.iowait - before.iowait),
  };
}
