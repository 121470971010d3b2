"use strict";
// Names and patterns shared by the policies.
Object.defineProperty(exports, "__esModule", { value: true });
exports.lastSegment = lastSegment;
exports.physicalName = physicalName;
exports.globToRegExp = globToRegExp;
exports.matchesAny = matchesAny;
exports.quoteList = quoteList;
const props_1 = require("./props");
/** `projects/p/locations/l/services/gateway` and `gateway` both name `gateway`. */
function lastSegment(value) {
    const parts = value.split("/").filter((part) => part !== "");
    return parts.length > 0 ? parts[parts.length - 1] : value;
}
/**
 * The name a resource has in Google Cloud: its `name` property when set (as a path or a bare
 * name), otherwise the Pulumi resource name. UNKNOWN when the name is computed at preview.
 */
function physicalName(props, resourceName, property = "name") {
    const value = (0, props_1.str)((0, props_1.get)(props, property));
    if (value === props_1.UNKNOWN)
        return props_1.UNKNOWN;
    return value !== undefined && value !== "" ? lastSegment(value) : resourceName;
}
/** Shell-style glob: `*` any run of characters, `?` one character; everything else literal. */
function globToRegExp(pattern) {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`);
}
function matchesAny(value, patterns) {
    return patterns.some((pattern) => globToRegExp(pattern).test(value));
}
/** Quotes a list for a message: 'a', 'b' and 'c'. */
function quoteList(values) {
    const quoted = values.map((value) => `'${value}'`);
    if (quoted.length <= 1)
        return quoted.join("");
    return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
