import { pgEnum } from "drizzle-orm/pg-core";
import { PAYMENT_PLAN_FREQUENCIES } from "@/lib/payment-plans/compute-schedule";
import {
  CARD_CHARGE_STATUSES,
  INVOICE_SET_STATUSES,
  INVOICE_STATUSES,
  PAYMENT_PLAN_STATUSES,
} from "@/lib/state-machine/statuses";

export const roleEnum = pgEnum("role", ["admin", "biller", "viewer"]);

export const invoiceStatusEnum = pgEnum("invoice_status", INVOICE_STATUSES);

export const invoiceSetStatusEnum = pgEnum("invoice_set_status", INVOICE_SET_STATUSES);

export const paymentMethodEnum = pgEnum("payment_method", ["card", "cash", "check", "ach"]);

export const messageChannelEnum = pgEnum("message_channel", ["sms", "email"]);

export const messageStatusEnum = pgEnum("message_status", [
  "queued",
  "sending",
  "sent",
  "delivered",
  "failed",
  "undelivered",
  "bounced",
  "complained",
]);

export const messageTransportEnum = pgEnum("message_transport", ["twilio", "resend", "outbox"]);

export const timelineKindEnum = pgEnum("timeline_kind", [
  "message_sent",
  "message_delivered",
  "message_failed",
  "patient_reply",
  "link_opened",
  "identity_check",
  "payment",
  "status_change",
  "rule_set_change",
  "note",
]);

export const actorKindEnum = pgEnum("actor_kind", ["user", "system", "patient", "api_key"]);

export const paymentPlanStatusEnum = pgEnum("payment_plan_status", PAYMENT_PLAN_STATUSES);

export const paymentPlanFrequencyEnum = pgEnum("payment_plan_frequency", PAYMENT_PLAN_FREQUENCIES);

export const cardChargeStatusEnum = pgEnum("card_charge_status", CARD_CHARGE_STATUSES);
