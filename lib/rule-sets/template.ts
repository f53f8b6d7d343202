/** Message templates: `{{variable}}` placeholders, filled per patient at send time. */
export const TEMPLATE_VARIABLES = ["first_name", "balance", "clinic_name", "clinic_phone", "pay_link"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Variable names used in a template, in order, including unknown ones. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** Problems staff can fix, in their words; empty when the template is fine. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  if (template.trim() === "") problems.push("Write the message.");
  const unknown = [...new Set(templateVariables(template).filter((name) => !isTemplateVariable(name)))];
  for (const name of unknown) {
    problems.push(`Unknown variable {{${name}}}. Use one of: ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(", ")}.`);
  }
  const stripped = template.replace(PLACEHOLDER, "");
  if (stripped.includes("{{") || stripped.includes("}}"))
    problems.push("A variable is not closed: write it as {{first_name}}.");
  return problems;
}

/** Fills the template; unknown placeholders are left out rather than shown raw. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => (isTemplateVariable(name) ? values[name] : ""));
}

/** Sample data for the live preview and for the worst-case SMS length check. */
export function sampleTemplateValues(clinic: { name: string; phone: string | null }, appUrl: string): TemplateValues {
  return {
    first_name: "Christopher",
    balance: "$1,234.56",
    clinic_name: clinic.name,
    clinic_phone: clinic.phone ?? "(202) 555-0100",
    // A real link: the app URL, /p/ and a 43-character token.
    pay_link: `${appUrl.replace(/\/$/, "")}/p/${"x".repeat(43)}`,
  };
}
