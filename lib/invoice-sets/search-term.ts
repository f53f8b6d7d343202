/**
 * What staff typed in "Search", turned into the substring patients.search_text is matched
 * against (lower-case name + MRN + phone digits, trigram-indexed). A phone typed any way —
 * "(555) 010-0123", "+1 555.010.0123" — becomes its digits, because search_text keeps
 * only the digits of the phone.
 */
export function normalizeSearchTerm(input: string): string | null {
  // A NUL byte can't be stored or compared in Postgres text: it is dropped, never sent.
  const text = input.replaceAll("\u0000", "").trim().toLowerCase().replace(/\s+/g, " ");
  if (text === "") return null;
  const digits = text.replace(/\D/g, "");
  const looksLikePhone = /^[\d\s()+\-.]+$/.test(text) && digits.length >= 3;
  return looksLikePhone ? digits : text.slice(0, 100);
}

/** Escapes LIKE wildcards so a typed "%" or "_" matches itself. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
