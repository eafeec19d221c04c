// Writing CSV as RFC 4180 reads it, for files a bulk render takes (the example file of a
// template, a file the CLI adds a column to). Reading needs a full parser (csv-parse, in the
// server and the CLI); shared/ stays free of it.

/** One field: quoted when it holds a comma, quote or line break, or starts or ends with a space. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, without its line break. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}
