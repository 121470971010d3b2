"use strict";
// IAM guard rails, on every kind of grant the gcp provider has (project, folder, organization and
// resource-level *IamMember / *IamBinding / *IamPolicy), plus long-lived keys and federation.
Object.defineProperty(exports, "__esModule", { value: true });
exports.iamPolicies = exports.noPublicMembersPolicy = exports.NO_PUBLIC_MEMBERS_DEFAULTS = exports.wifAttributeConditionPolicy = exports.WIF_ATTRIBUTE_CONDITION_DEFAULTS = exports.noServiceAccountKeysPolicy = exports.NO_SERVICE_ACCOUNT_KEYS_DEFAULTS = exports.noProjectSecretAccessorPolicy = exports.NO_PROJECT_SECRET_ACCESSOR_DEFAULTS = exports.noPrimitiveRolesPolicy = exports.NO_PRIMITIVE_ROLES_DEFAULTS = void 0;
const policy_1 = require("../lib/policy");
const config_1 = require("../lib/config");
const types_1 = require("../lib/types");
const props_1 = require("../lib/props");
const names_1 = require("../lib/names");
const iam_1 = require("../lib/iam");
/** "the project", "the folder", "the organization" or "the resource". */
function scopeOf(type) {
    const match = /^gcp:(projects|folder|organizations)\//.exec(type);
    if (!match)
        return "the resource";
    return { projects: "the project", folder: "the folder", organizations: "the organization" }[match[1]];
}
/** Known grants of the given roles, grouped by role; unknown parts become preview skips. */
function grantsOfRoles(resource, roles) {
    const wanted = new Set(roles.map((role) => role.toLowerCase()));
    const read = (0, iam_1.readGrants)(resource.type, resource.props);
    if (read.unknownGrants)
        resource.skips.add(`The grants of '${resource.name}' are unknown at preview.`);
    const byRole = new Map();
    for (const grant of read.grants) {
        if (grant.role === props_1.UNKNOWN) {
            resource.skips.add(`The role granted by '${resource.name}' is unknown at preview.`);
            continue;
        }
        if (!wanted.has(grant.role.toLowerCase()))
            continue;
        byRole.set(grant.role, [...(byRole.get(grant.role) ?? []), memberText(grant)]);
    }
    return byRole;
}
function memberText(grant) {
    return grant.member === props_1.UNKNOWN ? "a member unknown at preview" : grant.member;
}
exports.NO_PRIMITIVE_ROLES_DEFAULTS = { forbiddenRoles: ["roles/owner", "roles/editor", "roles/viewer"] };
exports.noPrimitiveRolesPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-iam-no-primitive-roles",
    description: "No IAM grant, at any level, uses the primitive roles Owner, Editor or Viewer.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Grant predefined roles scoped to what the principal needs (for example roles/run.invoker, roles/cloudsql.client).",
    defaults: exports.NO_PRIMITIVE_ROLES_DEFAULTS,
    schema: { forbiddenRoles: config_1.schema.strings("Roles no grant may use.", exports.NO_PRIMITIVE_ROLES_DEFAULTS.forbiddenRoles) },
    appliesTo: (type) => (0, iam_1.iamKind)(type) !== undefined,
    check: (resource) => {
        for (const [role, members] of grantsOfRoles(resource, resource.config.forbiddenRoles)) {
            resource.report(`'${resource.name}' grants the primitive role ${role} on ${scopeOf(resource.type)} to ${(0, names_1.quoteList)(members)}, which covers every service there. Grant predefined roles limited to what ${members.length > 1 ? "they need" : "it needs"} instead.`);
        }
    },
});
exports.NO_PROJECT_SECRET_ACCESSOR_DEFAULTS = {
    forbiddenHierarchyRoles: ["roles/secretmanager.secretAccessor"],
};
exports.noProjectSecretAccessorPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-iam-no-project-secret-accessor",
    description: "Secret access is granted per secret, never on a whole project, folder or organization.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Replace the project-level grant with a gcp.secretmanager.SecretIamMember on each secret the workload reads.",
    defaults: exports.NO_PROJECT_SECRET_ACCESSOR_DEFAULTS,
    schema: {
        forbiddenHierarchyRoles: config_1.schema.strings("Roles that may only be granted on individual resources, not on a project, folder or organization.", exports.NO_PROJECT_SECRET_ACCESSOR_DEFAULTS.forbiddenHierarchyRoles),
    },
    appliesTo: iam_1.isHierarchyIam,
    check: (resource) => {
        for (const [role, members] of grantsOfRoles(resource, resource.config.forbiddenHierarchyRoles)) {
            resource.report(`'${resource.name}' grants ${role} on ${scopeOf(resource.type)} to ${(0, names_1.quoteList)(members)}, which reaches every secret there. Grant it on each secret that is needed instead (gcp.secretmanager.SecretIamMember).`);
        }
    },
});
exports.NO_SERVICE_ACCOUNT_KEYS_DEFAULTS = { allowedKeys: [] };
exports.noServiceAccountKeysPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-iam-no-service-account-keys",
    description: "No service account keys: workloads use their attached identity and CI uses Workload Identity Federation.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Delete the key; give CI a workload identity pool provider and workloads an attached service account.",
    defaults: exports.NO_SERVICE_ACCOUNT_KEYS_DEFAULTS,
    schema: { allowedKeys: config_1.schema.strings("Pulumi names (globs) of keys accepted as documented exceptions.", exports.NO_SERVICE_ACCOUNT_KEYS_DEFAULTS.allowedKeys) },
    appliesTo: (type) => type === types_1.GCP.serviceAccountKey,
    check: (resource) => {
        if ((0, names_1.matchesAny)(resource.name, resource.config.allowedKeys))
            return;
        resource.report(`'${resource.name}' creates a service account key, a long-lived credential that ends up in state and can leak. Use Workload Identity Federation for CI and the attached service account for workloads instead.`);
    },
});
exports.WIF_ATTRIBUTE_CONDITION_DEFAULTS = { requiredConditionAttributes: [] };
exports.wifAttributeConditionPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-iam-wif-attribute-condition",
    description: "Workload identity pool providers restrict which external identities may exchange tokens with a non-empty attributeCondition.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set attributeCondition, for GitHub for example: assertion.repository == 'org/repo' && assertion.ref == 'refs/heads/main'.",
    defaults: exports.WIF_ATTRIBUTE_CONDITION_DEFAULTS,
    schema: {
        requiredConditionAttributes: config_1.schema.strings("Attributes the condition must mention, e.g. assertion.repository.", exports.WIF_ATTRIBUTE_CONDITION_DEFAULTS.requiredConditionAttributes),
    },
    appliesTo: (type) => type === types_1.GCP.workloadIdentityPoolProvider,
    check: (resource) => {
        const condition = (0, props_1.str)((0, props_1.get)(resource.props, "attributeCondition"));
        if (condition === props_1.UNKNOWN) {
            resource.skips.add(`The attributeCondition of workload identity pool provider '${resource.name}' is unknown at preview.`);
            return;
        }
        if (condition === undefined || condition.trim() === "") {
            resource.report(`Workload identity pool provider '${resource.name}' has no attributeCondition, so any identity the issuer vouches for (on GitHub, any repository) can obtain credentials. Set attributeCondition to pin the repository or subject.`);
            return;
        }
        const missing = resource.config.requiredConditionAttributes.filter((attribute) => !condition.includes(attribute));
        if (missing.length > 0) {
            resource.report(`Workload identity pool provider '${resource.name}' has an attributeCondition that does not mention ${(0, names_1.quoteList)(missing)}. Add ${missing.length > 1 ? "them" : "it"} to the condition.`);
        }
    },
});
exports.NO_PUBLIC_MEMBERS_DEFAULTS = { allowedResources: [] };
exports.noPublicMembersPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-iam-no-public-members",
    description: "No resource (bucket, topic, secret, project...) is granted to allUsers or allAuthenticatedUsers. Cloud Run and Cloud Functions invokers are checked by gcp-cloudrun-internal-ingress.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Grant the role to the specific principals that need it; for a resource meant to be public, list the IAM resource in allowedResources.",
    defaults: exports.NO_PUBLIC_MEMBERS_DEFAULTS,
    schema: {
        allowedResources: config_1.schema.strings("Pulumi names (globs) of IAM resources allowed to grant to allUsers or allAuthenticatedUsers.", exports.NO_PUBLIC_MEMBERS_DEFAULTS.allowedResources),
    },
    appliesTo: (type) => (0, iam_1.iamKind)(type) !== undefined && !types_1.INVOKER_IAM_TYPES.has(type),
    check: (resource) => {
        if ((0, names_1.matchesAny)(resource.name, resource.config.allowedResources))
            return;
        const read = (0, iam_1.readGrants)(resource.type, resource.props);
        if (read.unknownGrants)
            resource.skips.add(`The members granted by '${resource.name}' are unknown at preview.`);
        for (const grant of read.grants) {
            if (grant.member === props_1.UNKNOWN || !(0, iam_1.isPublicPrincipal)(grant.member))
                continue;
            const role = grant.role === props_1.UNKNOWN || grant.role === "" ? "a role" : grant.role;
            resource.report(`'${resource.name}' grants ${role} on ${scopeOf(resource.type)} to ${grant.member}, which makes it available to anyone${/authenticated/i.test(grant.member) ? " with a Google account" : " on the internet"}. Grant it to specific principals, or list '${resource.name}' in allowedResources if it is meant to be public.`);
        }
    },
});
exports.iamPolicies = [
    exports.noPrimitiveRolesPolicy,
    exports.noProjectSecretAccessorPolicy,
    exports.noServiceAccountKeysPolicy,
    exports.wifAttributeConditionPolicy,
    exports.noPublicMembersPolicy,
];
