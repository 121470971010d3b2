// Names and patterns shared by the policies.

import { PlainObject, UNKNOWN, Unknown, get, str } from "./props";

/** `projects/p/locations/l/services/gateway` and `gateway` both name `gateway`. */
export function lastSegment(value: string): string {
    const parts = value.split("/").filter((part) => part !== "");
    return parts.length > 0 ? parts[parts.length - 1] : value;
}

/**
 * The name a resource has in Google Cloud: its `name` property when set (as a path or a bare
 * name), otherwise the Pulumi resource name. UNKNOWN when the name is computed at preview.
 */
export function physicalName(props: PlainObject, resourceName: string, property = "name"): string | Unknown {
    const value = str(get(props, property));
    if (value === UNKNOWN) return UNKNOWN;
    return value !== undefined && value !== "" ? lastSegment(value) : resourceName;
}

/** Shell-style glob: `*` any run of characters, `?` one character; everything else literal. */
export function globToRegExp(pattern: string): RegExp {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`);
}

export function matchesAny(value: string, patterns: readonly string[]): boolean {
    return patterns.some((pattern) => globToRegExp(pattern).test(value));
}

/** Quotes a list for a message: 'a', 'b' and 'c'. */
export function quoteList(values: readonly string[]): string {
    const quoted = values.map((value) => `'${value}'`);
    if (quoted.length <= 1) return quoted.join("");
    return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
