// Template ETags name versions: `"v<version>"`. Conditional requests compare the version a
// tag names, so the forms a proxy turns our tag into still name it: nginx's gzip weakens it
// (`W/"v3"`), Apache's mod_deflate and Jetty append the coding inside the quotes
// (`"v3-gzip"`, `"v3-br"`, `"v3--gzip"`, `"v3;gzip"`). A client that echoes what it
// received through such a proxy would otherwise get 412 on every save.

export const templateEtag = (version: number) => `"v${version}"`;

/** `W/`, the quoted `v<digits>`, and at most one content-coding suffix a proxy appended. */
const TEMPLATE_TAG = /^(?:W\/)?"(v(?:0|[1-9][0-9]*))(?:(?:--?|;)(?:gzip|br|deflate|zstd))?"$/;

/** The `v<version>` a tag (ours, or a proxy's transformation of ours) names; else undefined. */
function versionNamedBy(tag: string): string | undefined {
  return TEMPLATE_TAG.exec(tag.trim())?.[1];
}

/** True when a comma-separated list of tags names `version` (`*` is handled by callers). */
function listNames(header: string, version: number): boolean {
  return header.split(',').some((tag) => versionNamedBy(tag) === `v${version}`);
}

/**
 * `If-Match: "v3"`, a list, or `*`; undefined when absent. The tag names a version, and
 * that version must be the current one: a weak or coding-suffixed form of the current tag
 * matches (it can only come from our own tag for that version), a tag of any other version
 * in any form does not. This is looser than RFC 9110's strong comparison on purpose:
 * the lost-update check is about versions, not bytes.
 */
export function ifMatch(header: string | undefined): ((version: number) => boolean) | undefined {
  if (!header?.trim()) return undefined;
  if (header.trim() === '*') return () => true;
  return (version) => listNames(header, version);
}

/** `If-None-Match` on GET: the client's copy is current (weak comparison, same forms). */
export function ifNoneMatch(header: string | undefined, version: number): boolean {
  return listNames(header ?? '', version);
}
