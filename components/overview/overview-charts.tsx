"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCents } from "@/lib/money";
import type { AgingRow, FunnelRow, ResultRow, WeekRow } from "@/lib/overview/overview-range";
import { ChartCard, DataTable } from "./chart-card";

const dollars = (cents: number) => Math.round(cents) / 100;
const axisDollars = (value: number) => `$${value.toLocaleString("en-US")}`;
const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`);
const CHANNEL_LABELS = { sms: "Text", email: "Email" } as const;
const AXIS = { fontSize: 12, fill: "#475569" };

export function AgingChart({ rows }: { rows: AgingRow[] }) {
  const total = rows.reduce((sum, row) => sum + row.cents, 0);
  return (
    <ChartCard
      title="Outstanding by age"
      summary={`${formatCents(total)} outstanding; ${rows.map((r) => `${r.bucket} days ${formatCents(r.cents)} in ${r.sets} sets`).join(", ")}.`}
      table={
        <DataTable
          caption="Outstanding by age"
          columns={["Age (days)", "Sets", "Amount"]}
          rows={rows.map((row) => [row.bucket, String(row.sets), formatCents(row.cents)])}
        />
      }
    >
      <ResponsiveContainer>
        <BarChart accessibilityLayer={false} data={rows.map((row) => ({ ...row, dollars: dollars(row.cents) }))}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" tick={AXIS} />
          <YAxis tickFormatter={axisDollars} tick={AXIS} width={80} />
          <Tooltip formatter={(value) => axisDollars(Number(value))} />
          <Bar dataKey="dollars" name="Amount" fill="#1d4ed8" />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

const STAGES = [
  ["sent", "Sent"],
  ["delivered", "Delivered"],
  ["linkOpened", "Link opened"],
  ["identityConfirmed", "Identity confirmed"],
  ["paid", "Paid"],
] as const;

export function FunnelChart({ rows }: { rows: FunnelRow[] }) {
  const byChannel = (channel: FunnelRow["channel"]) => rows.find((row) => row.channel === channel);
  const data = STAGES.map(([key, label]) => ({
    stage: label,
    sms: byChannel("sms")?.[key] ?? 0,
    email: byChannel("email")?.[key] ?? 0,
  }));
  return (
    <ChartCard
      title="Outreach funnel"
      summary={data.map((d) => `${d.stage}: ${d.sms} by text, ${d.email} by email`).join("; ")}
      table={
        <DataTable
          caption="Outreach funnel by channel"
          columns={["Stage", "Text", "Email"]}
          rows={data.map((d) => [d.stage, String(d.sms), String(d.email)])}
        />
      }
    >
      <ResponsiveContainer>
        <BarChart accessibilityLayer={false} data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="stage" tick={AXIS} />
          <YAxis allowDecimals={false} tick={AXIS} />
          <Tooltip />
          <Legend />
          <Bar dataKey="sms" name={CHANNEL_LABELS.sms} fill="#1d4ed8" />
          <Bar dataKey="email" name={CHANNEL_LABELS.email} fill="#b45309" />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function StepResultsChart({ rows }: { rows: ResultRow[] }) {
  const steps = rows.filter((row) => row.ruleId !== null);
  const label = (row: ResultRow) =>
    row.ruleId === null ? row.ruleSetTitle : `${row.ruleSetTitle} · day ${row.delayDays}: ${row.ruleTitle}`;
  return (
    <ChartCard
      title="Results by rule set and step"
      summary={
        steps.map((row) => `${label(row)} collected ${percent(row.paid, row.sets)}`).join("; ") || "No sets yet."
      }
      table={
        <DataTable
          caption="Results by rule set and step"
          columns={[
            "Rule set / step",
            "Sets started / reached",
            "Paid",
            "Collection rate",
            "Collected",
            "Median days to pay",
          ]}
          rows={rows.map((row) => [
            label(row),
            String(row.sets),
            String(row.paid),
            percent(row.paid, row.sets),
            formatCents(row.collectedCents),
            row.medianDaysToPay === null ? "—" : String(row.medianDaysToPay),
          ])}
        />
      }
    >
      <ResponsiveContainer>
        <BarChart
          accessibilityLayer={false}
          layout="vertical"
          data={steps.map((row) => ({
            step: `${row.ruleSetTitle.split(" ")[0]} · day ${row.delayDays}`,
            rate: row.sets === 0 ? 0 : Math.round((row.paid / row.sets) * 100),
          }))}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" unit="%" domain={[0, 100]} tick={AXIS} />
          <YAxis type="category" dataKey="step" width={130} tick={AXIS} />
          <Tooltip formatter={(value) => `${value}%`} />
          <Bar dataKey="rate" name="Collection rate" fill="#047857" />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function WeeklyCollectionsChart({ rows }: { rows: WeekRow[] }) {
  const total = rows.reduce((sum, row) => sum + row.cents, 0);
  return (
    <ChartCard
      title="Collections by week"
      summary={`${formatCents(total)} collected over ${rows.length} weeks.`}
      table={
        <DataTable
          caption="Collections by week"
          columns={["Week of", "Collected"]}
          rows={rows.map((row) => [row.week, formatCents(row.cents)])}
        />
      }
    >
      <ResponsiveContainer>
        <LineChart accessibilityLayer={false} data={rows.map((row) => ({ ...row, dollars: dollars(row.cents) }))}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" tick={AXIS} />
          <YAxis tickFormatter={axisDollars} tick={AXIS} width={80} />
          <Tooltip formatter={(value) => axisDollars(Number(value))} />
          <Line dataKey="dollars" name="Collected" stroke="#1d4ed8" strokeWidth={2} dot={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
