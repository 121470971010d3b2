// Reading IAM grants from any `*IamMember`, `*IamBinding` or `*IamPolicy` resource of the gcp
// provider (project, folder, organization and the ~470 resource-level kinds alike).

import { Plain, PlainObject, UNKNOWN, Unknown, get, items, str } from "./props";

export type IamKind = "member" | "binding" | "policy";

/** One role granted to one principal; either part may be unknown at preview. */
export interface Grant {
    readonly role: string | Unknown;
    readonly member: string | Unknown;
}

export interface IamRead {
    readonly grants: Grant[];
    /** The whole grant set is unknown (an unknown `members` list or `policyData`). */
    readonly unknownGrants: boolean;
    /** Set when `policyData` is not the JSON an IAM policy is. */
    readonly invalid?: string;
}

/** The IAM shape of a type token, or undefined for anything that is not an IAM grant. */
export function iamKind(type: string): IamKind | undefined {
    const className = type.slice(type.lastIndexOf(":") + 1);
    const match = /Iam(Member|Binding|Policy)$/i.exec(className);
    if (!match) return undefined;
    return match[1].toLowerCase() as IamKind;
}

/** Grants made on a whole project, folder or organization rather than on one resource. */
export function isHierarchyIam(type: string): boolean {
    return /^gcp:(projects|folder|organizations)\/iam(member|binding|policy):/i.test(type);
}

/** Principals that mean "anyone": on the internet, or with any Google account. */
export function isPublicPrincipal(member: string): boolean {
    const lowered = member.trim().toLowerCase();
    return (
        lowered === "allusers" || lowered === "allauthenticatedusers" || lowered.startsWith("principalset://goog/public:")
    );
}

export function readGrants(type: string, props: PlainObject): IamRead {
    switch (iamKind(type)) {
        case "member":
            return { grants: [{ role: knownOrUnknown(get(props, "role")), member: knownOrUnknown(get(props, "member")) }], unknownGrants: false };
        case "binding":
            return readBinding(props);
        case "policy":
            return readPolicy(props);
        default:
            return { grants: [], unknownGrants: false };
    }
}

function knownOrUnknown(value: Plain | undefined): string | Unknown {
    const found = str(value);
    return found === undefined ? "" : found;
}

function readBinding(props: PlainObject): IamRead {
    const members = get(props, "members");
    if (members === UNKNOWN) {
        return { grants: [], unknownGrants: true };
    }
    const role = knownOrUnknown(get(props, "role"));
    return { grants: items(members).map((member) => ({ role, member: knownOrUnknown(member) })), unknownGrants: false };
}

function readPolicy(props: PlainObject): IamRead {
    const data = str(get(props, "policyData"));
    if (data === UNKNOWN) return { grants: [], unknownGrants: true };
    if (data === undefined || data.trim() === "") return { grants: [], unknownGrants: false };
    let parsed: unknown;
    try {
        parsed = JSON.parse(data);
    } catch {
        return { grants: [], unknownGrants: false, invalid: "policyData is not valid JSON" };
    }
    const bindings = (parsed as { bindings?: unknown }).bindings;
    if (bindings === undefined) return { grants: [], unknownGrants: false };
    if (!Array.isArray(bindings)) return { grants: [], unknownGrants: false, invalid: "policyData.bindings is not a list" };
    const grants: Grant[] = [];
    for (const binding of bindings as Array<{ role?: unknown; members?: unknown }>) {
        const role = typeof binding?.role === "string" ? binding.role : "";
        const members = Array.isArray(binding?.members) ? binding.members : [];
        for (const member of members) {
            grants.push({ role, member: typeof member === "string" ? member : "" });
        }
    }
    return { grants, unknownGrants: false };
}
