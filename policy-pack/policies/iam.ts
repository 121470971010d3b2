// IAM guard rails, on every kind of grant the gcp provider has (project, folder, organization and
// resource-level *IamMember / *IamBinding / *IamPolicy), plus long-lived keys and federation.

import { ResourceCheck, resourcePolicy } from "../lib/policy";
import { schema } from "../lib/config";
import { GCP, INVOKER_IAM_TYPES } from "../lib/types";
import { UNKNOWN, get, str } from "../lib/props";
import { matchesAny, quoteList } from "../lib/names";
import { Grant, iamKind, isHierarchyIam, isPublicPrincipal, readGrants } from "../lib/iam";
import { conditionPins, issuerOf } from "../lib/wif";
import { PlainObject, record } from "../lib/props";

/** "the project", "the folder", "the organization" or "the resource". */
function scopeOf(type: string): string {
    const match = /^gcp:(projects|folder|organizations)\//.exec(type);
    if (!match) return "the resource";
    return { projects: "the project", folder: "the folder", organizations: "the organization" }[match[1] as "projects" | "folder" | "organizations"];
}

/** Known grants of the given roles, grouped by role; unknown parts become preview skips. */
function grantsOfRoles<A>(resource: ResourceCheck<A>, roles: readonly string[]): Map<string, string[]> {
    const wanted = new Set(roles.map((role) => role.toLowerCase()));
    const read = readGrants(resource.type, resource.props);
    if (read.unknownGrants) resource.skips.add(`The grants of '${resource.name}' are unknown at preview.`);
    const byRole = new Map<string, string[]>();
    for (const grant of read.grants) {
        if (grant.role === UNKNOWN) {
            resource.skips.add(`The role granted by '${resource.name}' is unknown at preview.`);
            continue;
        }
        if (!wanted.has(grant.role.toLowerCase())) continue;
        byRole.set(grant.role, [...(byRole.get(grant.role) ?? []), memberText(grant)]);
    }
    return byRole;
}

const UNKNOWN_MEMBER = "a member unknown at preview";

function memberText(grant: Grant): string {
    return grant.member === UNKNOWN ? UNKNOWN_MEMBER : grant.member;
}

// ---- gcp-iam-no-primitive-roles --------------------------------------------------------------

export interface NoPrimitiveRolesArgs {
    forbiddenRoles: string[];
}

export const NO_PRIMITIVE_ROLES_DEFAULTS: NoPrimitiveRolesArgs = { forbiddenRoles: ["roles/owner", "roles/editor", "roles/viewer"] };

export const noPrimitiveRolesPolicy = resourcePolicy<NoPrimitiveRolesArgs>({
    name: "gcp-iam-no-primitive-roles",
    description: "No IAM grant, at any level, uses the primitive roles Owner, Editor or Viewer.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Grant predefined roles scoped to what the principal needs (for example roles/run.invoker, roles/cloudsql.client).",
    defaults: NO_PRIMITIVE_ROLES_DEFAULTS,
    schema: { forbiddenRoles: schema.strings("Roles no grant may use.", NO_PRIMITIVE_ROLES_DEFAULTS.forbiddenRoles) },
    types: (type) => iamKind(type) !== undefined,
    check: (resource) => {
        for (const [role, members] of grantsOfRoles(resource, resource.config.forbiddenRoles)) {
            resource.report(
                `'${resource.name}' grants the primitive role ${role} on ${scopeOf(resource.type)} to ${quoteList(members)}, which covers every service there. Grant predefined roles limited to what ${members.length > 1 ? "they need" : "it needs"} instead.`,
            );
        }
    },
});

// ---- gcp-iam-no-project-secret-accessor ------------------------------------------------------

export interface NoProjectSecretAccessorArgs {
    forbiddenHierarchyRoles: string[];
}

export const NO_PROJECT_SECRET_ACCESSOR_DEFAULTS: NoProjectSecretAccessorArgs = {
    forbiddenHierarchyRoles: ["roles/secretmanager.secretAccessor"],
};

export const noProjectSecretAccessorPolicy = resourcePolicy<NoProjectSecretAccessorArgs>({
    name: "gcp-iam-no-project-secret-accessor",
    description: "Secret access is granted per secret, never on a whole project, folder or organization.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Replace the project-level grant with a gcp.secretmanager.SecretIamMember on each secret the workload reads.",
    defaults: NO_PROJECT_SECRET_ACCESSOR_DEFAULTS,
    schema: {
        forbiddenHierarchyRoles: schema.strings(
            "Roles that may only be granted on individual resources, not on a project, folder or organization.",
            NO_PROJECT_SECRET_ACCESSOR_DEFAULTS.forbiddenHierarchyRoles,
        ),
    },
    types: isHierarchyIam,
    check: (resource) => {
        for (const [role, members] of grantsOfRoles(resource, resource.config.forbiddenHierarchyRoles)) {
            resource.report(
                `'${resource.name}' grants ${role} on ${scopeOf(resource.type)} to ${quoteList(members)}, which reaches every secret there. Grant it on each secret that is needed instead (gcp.secretmanager.SecretIamMember).`,
            );
        }
    },
});

// ---- gcp-iam-no-service-account-keys ---------------------------------------------------------

export interface NoServiceAccountKeysArgs {
    /** Pulumi names (globs) of keys accepted as documented exceptions. */
    allowedKeys: string[];
}

export const NO_SERVICE_ACCOUNT_KEYS_DEFAULTS: NoServiceAccountKeysArgs = { allowedKeys: [] };

export const noServiceAccountKeysPolicy = resourcePolicy<NoServiceAccountKeysArgs>({
    name: "gcp-iam-no-service-account-keys",
    description: "No service account keys: workloads use their attached identity and CI uses Workload Identity Federation.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Delete the key; give CI a workload identity pool provider and workloads an attached service account.",
    defaults: NO_SERVICE_ACCOUNT_KEYS_DEFAULTS,
    schema: { allowedKeys: schema.strings("Pulumi names (globs) of keys accepted as documented exceptions.", NO_SERVICE_ACCOUNT_KEYS_DEFAULTS.allowedKeys) },
    types: [GCP.serviceAccountKey],
    check: (resource) => {
        if (matchesAny(resource.name, resource.config.allowedKeys)) return;
        resource.report(
            `'${resource.name}' creates a service account key, a long-lived credential that ends up in state and can leak. Use Workload Identity Federation for CI and the attached service account for workloads instead.`,
        );
    },
});

// ---- gcp-iam-wif-attribute-condition ---------------------------------------------------------

export interface WifAttributeConditionArgs {
    /** Attributes the condition must mention, e.g. assertion.repository. */
    requiredConditionAttributes: string[];
}

export const WIF_ATTRIBUTE_CONDITION_DEFAULTS: WifAttributeConditionArgs = { requiredConditionAttributes: [] };

export const wifAttributeConditionPolicy = resourcePolicy<WifAttributeConditionArgs>({
    name: "gcp-iam-wif-attribute-condition",
    description: "Workload identity pool providers restrict which external identities may exchange tokens with a non-empty attributeCondition.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set attributeCondition, for GitHub for example: assertion.repository == 'org/repo' && assertion.ref == 'refs/heads/main'.",
    defaults: WIF_ATTRIBUTE_CONDITION_DEFAULTS,
    schema: {
        requiredConditionAttributes: schema.strings(
            "Attributes the condition must mention, e.g. assertion.repository.",
            WIF_ATTRIBUTE_CONDITION_DEFAULTS.requiredConditionAttributes,
        ),
    },
    types: [GCP.workloadIdentityPoolProvider],
    check: (resource) => {
        const condition = str(get(resource.props, "attributeCondition"));
        const issuer = issuerOf(resource.props);
        const name = `Workload identity pool provider '${resource.name}'`;
        if (condition === UNKNOWN || issuer === UNKNOWN) {
            resource.skips.add(`The attributeCondition or issuer of ${name.charAt(0).toLowerCase()}${name.slice(1)} is unknown at preview.`);
            return;
        }
        if (condition === undefined || condition.trim() === "") {
            resource.report(
                `${name} has no attributeCondition, so ${issuer.anyone} can obtain credentials. Set attributeCondition to pin ${issuer.pin}, for example ${issuer.example}.`,
            );
            return;
        }
        const mapping = record(get(resource.props, "attributeMapping"));
        if (!conditionPins(condition, issuer, mapping === UNKNOWN ? undefined : (mapping as PlainObject | undefined))) {
            resource.report(
                `${name} trusts ${issuer.name} with an attributeCondition that does not pin ${issuer.pin} in every alternative, so ${issuer.anyone} may match it. Pin it, for example ${issuer.example}.`,
            );
        }
        const missing = resource.config.requiredConditionAttributes.filter((attribute) => !condition.includes(attribute));
        if (missing.length > 0) {
            resource.report(
                `${name} has an attributeCondition that does not mention ${quoteList(missing)}. Add ${missing.length > 1 ? "them" : "it"} to the condition.`,
            );
        }
    },
});

// ---- gcp-iam-no-privilege-escalation ---------------------------------------------------------

export interface NoPrivilegeEscalationArgs {
    /** Roles that let a principal raise its own rights or act as others, when granted on a whole project, folder or organization. */
    escalationRoles: string[];
    /** Members (globs) accepted as documented exceptions. */
    allowedMembers: string[];
}

export const NO_PRIVILEGE_ESCALATION_DEFAULTS: NoPrivilegeEscalationArgs = {
    escalationRoles: [
        "roles/resourcemanager.projectIamAdmin",
        "roles/resourcemanager.folderIamAdmin",
        "roles/resourcemanager.folderAdmin",
        "roles/resourcemanager.organizationAdmin",
        "roles/iam.securityAdmin",
        "roles/iam.roleAdmin",
        "roles/iam.organizationRoleAdmin",
        "roles/iam.serviceAccountAdmin",
        "roles/iam.serviceAccountKeyAdmin",
        "roles/iam.serviceAccountTokenCreator",
        "roles/iam.serviceAccountUser",
        "roles/iam.workloadIdentityUser",
        "roles/iam.serviceAccountOpenIdTokenCreator",
        "roles/iam.workloadIdentityPoolAdmin",
        "roles/secretmanager.admin",
        "roles/cloudfunctions.admin",
        "roles/deploymentmanager.editor",
    ],
    allowedMembers: [],
};

/** Whether a grant carries an IAM condition (member and binding: `condition`; policy: per binding, read by readGrants as absent). */
function hasCondition(props: PlainObject): boolean | typeof UNKNOWN {
    const condition = get(props, "condition");
    if (condition === UNKNOWN) return UNKNOWN;
    const expression = str(get(condition, "expression"));
    if (expression === UNKNOWN) return UNKNOWN;
    return typeof expression === "string" && expression.trim() !== "" && expression.trim() !== "true";
}

export const noPrivilegeEscalationPolicy = resourcePolicy<NoPrivilegeEscalationArgs>({
    name: "gcp-iam-no-privilege-escalation",
    description:
        "No unconditional project-, folder- or organization-level grant of a role that lets a principal raise its own rights or act as other service accounts.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Grant the role on the one resource that needs it (roles/iam.serviceAccountUser on the runtime service account, roles/secretmanager.admin on one secret), or add an IAM condition that limits it; CI identities get their project roles in the bootstrap program.",
    defaults: NO_PRIVILEGE_ESCALATION_DEFAULTS,
    schema: {
        escalationRoles: schema.strings("Roles that raise rights or act as others when granted on a project, folder or organization.", NO_PRIVILEGE_ESCALATION_DEFAULTS.escalationRoles),
        allowedMembers: schema.strings("Members (globs) accepted as documented exceptions.", NO_PRIVILEGE_ESCALATION_DEFAULTS.allowedMembers),
    },
    types: isHierarchyIam,
    check: (resource) => {
        const conditioned = iamKind(resource.type) === "policy" ? false : hasCondition(resource.props);
        if (conditioned === true) return;
        const policyConditions = iamKind(resource.type) === "policy" ? conditionedPolicyRoles(resource.props) : new Set<string>();
        for (const [role, members] of grantsOfRoles(resource, resource.config.escalationRoles)) {
            if (policyConditions.has(role)) continue;
            const allowed = resource.config.allowedMembers;
            // An unknown member (another resource's output) may be an allowed one: defer it to `up`.
            if (allowed.length > 0 && members.includes(UNKNOWN_MEMBER)) {
                resource.skips.add(`The member granted ${role} by '${resource.name}' is unknown at preview, so whether it is in allowedMembers cannot be checked yet.`);
            }
            const flagged = members.filter((member) => !(allowed.length > 0 && member === UNKNOWN_MEMBER) && !matchesAny(member, allowed));
            if (flagged.length === 0) continue;
            if (conditioned === UNKNOWN) {
                resource.skips.add(`Whether the grant of ${role} by '${resource.name}' carries a condition is unknown at preview.`);
                continue;
            }
            resource.report(
                `'${resource.name}' grants ${role} on ${scopeOf(resource.type)} to ${quoteList(flagged)} without a condition, which lets ${flagged.length > 1 ? "them" : "it"} raise ${flagged.length > 1 ? "their" : "its"} own rights or act as other service accounts there. Grant it on the one resource that needs it, or add a condition.`,
            );
        }
    },
});

/** Roles whose every binding in an IAM policy carries a condition. */
function conditionedPolicyRoles(props: PlainObject): Set<string> {
    const data = str(get(props, "policyData"));
    const roles = new Set<string>();
    if (typeof data !== "string") return roles;
    try {
        const bindings = (JSON.parse(data) as { bindings?: Array<{ role?: string; condition?: { expression?: string } }> }).bindings ?? [];
        const unconditioned = new Set(bindings.filter((b) => !b.condition?.expression).map((b) => b.role));
        for (const binding of bindings) if (binding.role && !unconditioned.has(binding.role)) roles.add(binding.role);
    } catch {
        // readGrants reports invalid JSON; nothing is conditioned here.
    }
    return roles;
}

// ---- gcp-iam-no-public-members ---------------------------------------------------------------

export interface NoPublicMembersArgs {
    /** Pulumi names (globs) of IAM resources allowed to grant to allUsers / allAuthenticatedUsers. */
    allowedResources: string[];
}

export const NO_PUBLIC_MEMBERS_DEFAULTS: NoPublicMembersArgs = { allowedResources: [] };

export const noPublicMembersPolicy = resourcePolicy<NoPublicMembersArgs>({
    name: "gcp-iam-no-public-members",
    description:
        "No resource (bucket, topic, secret, project...) is granted to allUsers or allAuthenticatedUsers. Cloud Run and Cloud Functions invokers are checked by gcp-cloudrun-internal-ingress.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Grant the role to the specific principals that need it; for a resource meant to be public, list the IAM resource in allowedResources.",
    defaults: NO_PUBLIC_MEMBERS_DEFAULTS,
    schema: {
        allowedResources: schema.strings(
            "Pulumi names (globs) of IAM resources allowed to grant to allUsers or allAuthenticatedUsers.",
            NO_PUBLIC_MEMBERS_DEFAULTS.allowedResources,
        ),
    },
    types: (type) => iamKind(type) !== undefined && !INVOKER_IAM_TYPES.has(type),
    check: (resource) => {
        if (matchesAny(resource.name, resource.config.allowedResources)) return;
        const read = readGrants(resource.type, resource.props);
        if (read.unknownGrants) resource.skips.add(`The members granted by '${resource.name}' are unknown at preview.`);
        for (const grant of read.grants) {
            if (grant.member === UNKNOWN || !isPublicPrincipal(grant.member)) continue;
            const role = grant.role === UNKNOWN || grant.role === "" ? "a role" : grant.role;
            resource.report(
                `'${resource.name}' grants ${role} on ${scopeOf(resource.type)} to ${grant.member}, which makes it available to anyone${/authenticated/i.test(grant.member) ? " with a Google account" : " on the internet"}. Grant it to specific principals, or list '${resource.name}' in allowedResources if it is meant to be public.`,
            );
        }
    },
});

export const iamPolicies = [
    noPrimitiveRolesPolicy,
    noPrivilegeEscalationPolicy,
    noProjectSecretAccessorPolicy,
    noServiceAccountKeysPolicy,
    wifAttributeConditionPolicy,
    noPublicMembersPolicy,
];
