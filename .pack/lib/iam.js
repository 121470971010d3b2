"use strict";
// Reading IAM grants from any `*IamMember`, `*IamBinding` or `*IamPolicy` resource of the gcp
// provider (project, folder, organization and the ~470 resource-level kinds alike).
Object.defineProperty(exports, "__esModule", { value: true });
exports.iamKind = iamKind;
exports.isHierarchyIam = isHierarchyIam;
exports.isPublicPrincipal = isPublicPrincipal;
exports.readGrants = readGrants;
const props_1 = require("./props");
/** The IAM shape of a type token, or undefined for anything that is not an IAM grant. */
function iamKind(type) {
    const className = type.slice(type.lastIndexOf(":") + 1);
    const match = /Iam(Member|Binding|Policy)$/i.exec(className);
    if (!match)
        return undefined;
    return match[1].toLowerCase();
}
/** Grants made on a whole project, folder or organization rather than on one resource. */
function isHierarchyIam(type) {
    return /^gcp:(projects|folder|organizations)\/iam(member|binding|policy):/i.test(type);
}
/** Principals that mean "anyone": on the internet, or with any Google account. */
function isPublicPrincipal(member) {
    const lowered = member.trim().toLowerCase();
    return (lowered === "allusers" || lowered === "allauthenticatedusers" || lowered.startsWith("principalset://goog/public:"));
}
function readGrants(type, props) {
    switch (iamKind(type)) {
        case "member":
            return { grants: [{ role: knownOrUnknown((0, props_1.get)(props, "role")), member: knownOrUnknown((0, props_1.get)(props, "member")) }], unknownGrants: false };
        case "binding":
            return readBinding(props);
        case "policy":
            return readPolicy(props);
        default:
            return { grants: [], unknownGrants: false };
    }
}
function knownOrUnknown(value) {
    const found = (0, props_1.str)(value);
    return found === undefined ? "" : found;
}
function readBinding(props) {
    const members = (0, props_1.get)(props, "members");
    if (members === props_1.UNKNOWN) {
        return { grants: [], unknownGrants: true };
    }
    const role = knownOrUnknown((0, props_1.get)(props, "role"));
    return { grants: (0, props_1.items)(members).map((member) => ({ role, member: knownOrUnknown(member) })), unknownGrants: false };
}
function readPolicy(props) {
    const data = (0, props_1.str)((0, props_1.get)(props, "policyData"));
    if (data === props_1.UNKNOWN)
        return { grants: [], unknownGrants: true };
    if (data === undefined || data.trim() === "")
        return { grants: [], unknownGrants: false };
    let parsed;
    try {
        parsed = JSON.parse(data);
    }
    catch {
        return { grants: [], unknownGrants: false, invalid: "policyData is not valid JSON" };
    }
    const bindings = parsed.bindings;
    if (bindings === undefined)
        return { grants: [], unknownGrants: false };
    if (!Array.isArray(bindings))
        return { grants: [], unknownGrants: false, invalid: "policyData.bindings is not a list" };
    const grants = [];
    for (const binding of bindings) {
        const role = typeof binding?.role === "string" ? binding.role : "";
        const members = Array.isArray(binding?.members) ? binding.members : [];
        for (const member of members) {
            grants.push({ role, member: typeof member === "string" ? member : "" });
        }
    }
    return { grants, unknownGrants: false };
}
