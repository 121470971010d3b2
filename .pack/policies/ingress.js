"use strict";
// gcp-cloudrun-internal-ingress: nothing serverless answers the internet unless the stack's config
// says it is public. Covers the network side (ingress settings) and the identity side (IAM grants
// to allUsers / allAuthenticatedUsers, and invokerIamDisabled), for Cloud Run v2 and v1 services
// and Cloud Functions of both generations.
Object.defineProperty(exports, "__esModule", { value: true });
exports.internalIngressPolicy = exports.INTERNAL_INGRESS_DEFAULTS = void 0;
const policy_1 = require("../lib/policy");
const config_1 = require("../lib/config");
const types_1 = require("../lib/types");
const props_1 = require("../lib/props");
const names_1 = require("../lib/names");
const iam_1 = require("../lib/iam");
const workloads_1 = require("../lib/workloads");
exports.INTERNAL_INGRESS_DEFAULTS = {
    publicServices: [],
    allowInternalLoadBalancer: false,
};
const INGRESS_SETTINGS = {
    [types_1.GCP.runService]: {
        read: (props) => (0, props_1.str)((0, props_1.get)(props, "ingress")),
        property: "ingress",
        internal: "INGRESS_TRAFFIC_INTERNAL_ONLY",
        internalLoadBalancer: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
        unsetMeans: "INGRESS_TRAFFIC_ALL",
    },
    [types_1.GCP.runV1Service]: {
        read: (props) => (0, props_1.str)((0, props_1.get)(props, "metadata", "annotations", "run.googleapis.com/ingress")),
        property: 'metadata.annotations["run.googleapis.com/ingress"]',
        internal: "internal",
        internalLoadBalancer: "internal-and-cloud-load-balancing",
        unsetMeans: "all",
    },
    [types_1.GCP.functionV1]: {
        read: (props) => (0, props_1.str)((0, props_1.get)(props, "ingressSettings")),
        property: "ingressSettings",
        internal: "ALLOW_INTERNAL_ONLY",
        internalLoadBalancer: "ALLOW_INTERNAL_AND_GCLB",
        unsetMeans: "ALLOW_ALL",
    },
    [types_1.GCP.functionV2]: {
        read: (props) => (0, props_1.str)((0, props_1.get)(props, "serviceConfig", "ingressSettings")),
        property: "serviceConfig.ingressSettings",
        internal: "ALLOW_INTERNAL_ONLY",
        internalLoadBalancer: "ALLOW_INTERNAL_AND_GCLB",
        unsetMeans: "ALLOW_ALL",
    },
};
/** The property of an invoker IAM resource that names the service or function it grants on. */
function invokerTarget(type) {
    if (type.startsWith("gcp:cloudrunv2/"))
        return { property: "name", kind: "Cloud Run service" };
    if (type.startsWith("gcp:cloudrun/"))
        return { property: "service", kind: "Cloud Run (v1) service" };
    return { property: "cloudFunction", kind: "Cloud Function" };
}
function fixHint(name) {
    return `or list '${name}' in publicServices if it is meant to be public`;
}
function checkIngress(resource, setting) {
    const { config, props } = resource;
    const kind = workloads_1.WORKLOAD_NAMES[resource.type];
    const name = (0, names_1.physicalName)(props, resource.name);
    // The Pulumi name counts too: an auto-named service's physical name carries a random suffix.
    const isPublic = config.publicServices.includes(resource.name) || (name !== props_1.UNKNOWN && config.publicServices.includes(name));
    const shownName = name === props_1.UNKNOWN ? resource.name : name;
    const allowed = [setting.internal, ...(config.allowInternalLoadBalancer ? [setting.internalLoadBalancer] : [])];
    const ingress = setting.read(props);
    if (ingress === props_1.UNKNOWN) {
        resource.skips.add(`The ingress of ${kind} '${shownName}' is unknown at preview.`);
    }
    else if (!allowed.includes(ingress ?? setting.unsetMeans) && !isPublic) {
        if (name === props_1.UNKNOWN) {
            resource.skips.add(`${kind} '${shownName}' is not internal-only, and its name, which decides whether it may be public, is unknown at preview.`);
        }
        else {
            const current = ingress === undefined ? `unset, which means ${setting.unsetMeans}` : ingress;
            resource.report(`${kind} '${name}' accepts traffic from the internet: its ${setting.property} is ${current}. ` +
                `Set ${setting.property} to ${allowed.join(" or ")}, ${fixHint(name)}.`);
        }
    }
    if (resource.type === types_1.GCP.runService && (0, props_1.bool)((0, props_1.get)(props, "invokerIamDisabled")) === true && !isPublic) {
        resource.report(`${kind} '${shownName}' sets invokerIamDisabled, so anyone who can reach it may call it without an IAM check. ` +
            `Remove invokerIamDisabled, ${fixHint(shownName)}.`);
    }
}
function checkInvokerIam(resource) {
    const { config, props } = resource;
    const { property, kind } = invokerTarget(resource.type);
    const read = (0, iam_1.readGrants)(resource.type, props);
    if (read.unknownGrants) {
        resource.skips.add(`The members granted by '${resource.name}' are unknown at preview, so a grant to allUsers cannot be ruled out.`);
    }
    // An unknown member is the output of another resource (a service account's e-mail, say); it
    // cannot be the literal allUsers, so only known public principals matter here.
    const publicGrants = read.grants.filter((grant) => typeof grant.member === "string" && (0, iam_1.isPublicPrincipal)(grant.member));
    if (publicGrants.length === 0)
        return;
    const rawTarget = (0, props_1.str)((0, props_1.get)(props, property));
    if (rawTarget === props_1.UNKNOWN) {
        resource.skips.add(`'${resource.name}' grants access to ${String(publicGrants[0].member)} on a ${kind} whose name is unknown at preview, so whether that ${kind} is listed in publicServices cannot be checked yet.`);
        return;
    }
    const target = rawTarget === undefined ? "(unnamed)" : (0, names_1.lastSegment)(rawTarget);
    if (config.publicServices.includes(target))
        return;
    for (const grant of publicGrants) {
        const role = typeof grant.role === "string" && grant.role !== "" ? grant.role : "a role";
        resource.report(`'${resource.name}' grants ${role} to ${String(grant.member)} on ${kind} '${target}', which is not listed in publicServices, so anyone could call it. ` +
            `Grant the role to the calling service accounts instead, ${fixHint(target)}.`);
    }
}
exports.internalIngressPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-cloudrun-internal-ingress",
    description: "Cloud Run services and Cloud Functions accept only internal traffic, and grant no role to allUsers or allAuthenticatedUsers, unless the stack's config lists them as public.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set ingress to INGRESS_TRAFFIC_INTERNAL_ONLY (functions: ALLOW_INTERNAL_ONLY) and grant roles/run.invoker to the callers' service accounts; for a service meant to be public, add its name to publicServices in the stack's policy config.",
    defaults: exports.INTERNAL_INGRESS_DEFAULTS,
    schema: {
        publicServices: config_1.schema.strings("Names of services and functions allowed to be public: the physical name, or the Pulumi name when the name is auto-generated.", exports.INTERNAL_INGRESS_DEFAULTS.publicServices),
        allowInternalLoadBalancer: config_1.schema.boolean("Also accept INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER (ALLOW_INTERNAL_AND_GCLB, internal-and-cloud-load-balancing).", exports.INTERNAL_INGRESS_DEFAULTS.allowInternalLoadBalancer),
    },
    appliesTo: (type) => type in INGRESS_SETTINGS || types_1.INVOKER_IAM_TYPES.has(type),
    check: (resource) => {
        const setting = INGRESS_SETTINGS[resource.type];
        if (setting) {
            checkIngress(resource, setting);
        }
        else {
            checkInvokerIam(resource);
        }
    },
});
