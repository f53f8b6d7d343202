/**
 * A reproducible id for a scratch row, in SQL: the md5 of `expression` shaped as a version-4
 * UUID, so the app's own checks (zod's uuid) accept it when the engine picks the row up.
 */
export const scratchUuid = (expression: string) =>
  `overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
