// IAM guard rails, on every kind of grant the gcp provider has (project, folder, organization and
// resource-level *IamMember / *IamBinding / *IamPolicy), plus long-lived keys and federation.

import { ResourceCheck, resourcePolicy } from "../lib/policy";
import { schema } from "../lib/config";
import { GCP, INVOKER_IAM_TYPES } from "../lib/types";
import { UNKNOWN, get, str } from "../lib/props";
import { matchesAny, quoteList } from "../lib/names";
import { Grant, iamKind, isHierarchyIam, isPublicPrincipal, readGrants } from "../lib/iam";

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

function memberText(grant: Grant): string {
    return grant.member === UNKNOWN ? "a member unknown at preview" : grant.member;
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
    appliesTo: (type) => iamKind(type) !== undefined,
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
    appliesTo: isHierarchyIam,
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
    appliesTo: (type) => type === GCP.serviceAccountKey,
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
    appliesTo: (type) => type === GCP.workloadIdentityPoolProvider,
    check: (resource) => {
        const condition = str(get(resource.props, "attributeCondition"));
        if (condition === UNKNOWN) {
            resource.skips.add(`The attributeCondition of workload identity pool provider '${resource.name}' is unknown at preview.`);
            return;
        }
        if (condition === undefined || condition.trim() === "") {
            resource.report(
                `Workload identity pool provider '${resource.name}' has no attributeCondition, so any identity the issuer vouches for (on GitHub, any repository) can obtain credentials. Set attributeCondition to pin the repository or subject.`,
            );
            return;
        }
        const missing = resource.config.requiredConditionAttributes.filter((attribute) => !condition.includes(attribute));
        if (missing.length > 0) {
            resource.report(
                `Workload identity pool provider '${resource.name}' has an attributeCondition that does not mention ${quoteList(missing)}. Add ${missing.length > 1 ? "them" : "it"} to the condition.`,
            );
        }
    },
});

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
    appliesTo: (type) => iamKind(type) !== undefined && !INVOKER_IAM_TYPES.has(type),
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
    noProjectSecretAccessorPolicy,
    noServiceAccountKeysPolicy,
    wifAttributeConditionPolicy,
    noPublicMembersPolicy,
];
