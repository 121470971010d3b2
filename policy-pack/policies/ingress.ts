// gcp-cloudrun-internal-ingress: nothing serverless answers the internet unless the stack's config
// says it is public. Covers the network side (ingress settings) and the identity side (IAM grants
// to allUsers / allAuthenticatedUsers, and invokerIamDisabled), for Cloud Run v2 and v1 services
// and Cloud Functions of both generations.

import { ResourceCheck, resourcePolicy } from "../lib/policy";
import { schema } from "../lib/config";
import { GCP, INVOKER_IAM_TYPES } from "../lib/types";
import { UNKNOWN, bool, get, str } from "../lib/props";
import { lastSegment, physicalName } from "../lib/names";
import { isPublicPrincipal, readGrants } from "../lib/iam";
import { WORKLOAD_NAMES } from "../lib/workloads";

export interface InternalIngressArgs {
    /** Services and functions allowed to be public, by physical name (or Pulumi name when unnamed). */
    publicServices: string[];
    /** Also accept "internal and Cloud Load Balancing" ingress (an internal or external LB in front). */
    allowInternalLoadBalancer: boolean;
}

export const INTERNAL_INGRESS_DEFAULTS: InternalIngressArgs = {
    publicServices: [],
    allowInternalLoadBalancer: false,
};

/** Per kind: where the ingress setting lives, what "internal" is spelled like, and the default. */
interface IngressSetting {
    readonly read: (props: ResourceCheck<InternalIngressArgs>["props"]) => ReturnType<typeof str>;
    readonly property: string;
    readonly internal: string;
    readonly internalLoadBalancer: string;
    readonly unsetMeans: string;
}

const INGRESS_SETTINGS: Readonly<Record<string, IngressSetting>> = {
    [GCP.runService]: {
        read: (props) => str(get(props, "ingress")),
        property: "ingress",
        internal: "INGRESS_TRAFFIC_INTERNAL_ONLY",
        internalLoadBalancer: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
        unsetMeans: "INGRESS_TRAFFIC_ALL",
    },
    [GCP.runV1Service]: {
        read: (props) => str(get(props, "metadata", "annotations", "run.googleapis.com/ingress")),
        property: 'metadata.annotations["run.googleapis.com/ingress"]',
        internal: "internal",
        internalLoadBalancer: "internal-and-cloud-load-balancing",
        unsetMeans: "all",
    },
    [GCP.functionV1]: {
        read: (props) => str(get(props, "ingressSettings")),
        property: "ingressSettings",
        internal: "ALLOW_INTERNAL_ONLY",
        internalLoadBalancer: "ALLOW_INTERNAL_AND_GCLB",
        unsetMeans: "ALLOW_ALL",
    },
    [GCP.functionV2]: {
        read: (props) => str(get(props, "serviceConfig", "ingressSettings")),
        property: "serviceConfig.ingressSettings",
        internal: "ALLOW_INTERNAL_ONLY",
        internalLoadBalancer: "ALLOW_INTERNAL_AND_GCLB",
        unsetMeans: "ALLOW_ALL",
    },
};

/** The property of an invoker IAM resource that names the service or function it grants on. */
function invokerTarget(type: string): { property: string; kind: string } {
    if (type.startsWith("gcp:cloudrunv2/")) return { property: "name", kind: "Cloud Run service" };
    if (type.startsWith("gcp:cloudrun/")) return { property: "service", kind: "Cloud Run (v1) service" };
    return { property: "cloudFunction", kind: "Cloud Function" };
}

function fixHint(name: string): string {
    return `or list '${name}' in publicServices if it is meant to be public`;
}

function checkIngress(resource: ResourceCheck<InternalIngressArgs>, setting: IngressSetting): void {
    const { config, props } = resource;
    const kind = WORKLOAD_NAMES[resource.type];
    const name = physicalName(props, resource.name);
    // The Pulumi name counts too: an auto-named service's physical name carries a random suffix.
    const isPublic = config.publicServices.includes(resource.name) || (name !== UNKNOWN && config.publicServices.includes(name));
    const shownName = name === UNKNOWN ? resource.name : name;

    const allowed = [setting.internal, ...(config.allowInternalLoadBalancer ? [setting.internalLoadBalancer] : [])];
    const ingress = setting.read(props);
    if (ingress === UNKNOWN) {
        resource.skips.add(`The ingress of ${kind} '${shownName}' is unknown at preview.`);
    } else if (!allowed.includes(ingress ?? setting.unsetMeans) && !isPublic) {
        if (name === UNKNOWN) {
            resource.skips.add(`${kind} '${shownName}' is not internal-only, and its name, which decides whether it may be public, is unknown at preview.`);
        } else {
            const current = ingress === undefined ? `unset, which means ${setting.unsetMeans}` : ingress;
            resource.report(
                `${kind} '${name}' accepts traffic from the internet: its ${setting.property} is ${current}. ` +
                    `Set ${setting.property} to ${allowed.join(" or ")}, ${fixHint(name)}.`,
            );
        }
    }

    if (resource.type === GCP.runService && bool(get(props, "invokerIamDisabled")) === true && !isPublic) {
        resource.report(
            `${kind} '${shownName}' sets invokerIamDisabled, so anyone who can reach it may call it without an IAM check. ` +
                `Remove invokerIamDisabled, ${fixHint(shownName)}.`,
        );
    }
}

function checkInvokerIam(resource: ResourceCheck<InternalIngressArgs>): void {
    const { config, props } = resource;
    const { property, kind } = invokerTarget(resource.type);
    const read = readGrants(resource.type, props);
    if (read.unknownGrants) {
        resource.skips.add(`The members granted by '${resource.name}' are unknown at preview, so a grant to allUsers cannot be ruled out.`);
    }
    // An unknown member is the output of another resource (a service account's e-mail, say); it
    // cannot be the literal allUsers, so only known public principals matter here.
    const publicGrants = read.grants.filter((grant) => typeof grant.member === "string" && isPublicPrincipal(grant.member));
    if (publicGrants.length === 0) return;

    const rawTarget = str(get(props, property));
    if (rawTarget === UNKNOWN) {
        resource.skips.add(
            `'${resource.name}' grants access to ${String(publicGrants[0].member)} on a ${kind} whose name is unknown at preview, so whether that ${kind} is listed in publicServices cannot be checked yet.`,
        );
        return;
    }
    const target = rawTarget === undefined ? "(unnamed)" : lastSegment(rawTarget);
    if (config.publicServices.includes(target)) return;
    for (const grant of publicGrants) {
        const role = typeof grant.role === "string" && grant.role !== "" ? grant.role : "a role";
        resource.report(
            `'${resource.name}' grants ${role} to ${String(grant.member)} on ${kind} '${target}', which is not listed in publicServices, so anyone could call it. ` +
                `Grant the role to the calling service accounts instead, ${fixHint(target)}.`,
        );
    }
}

export const internalIngressPolicy = resourcePolicy<InternalIngressArgs>({
    name: "gcp-cloudrun-internal-ingress",
    description:
        "Cloud Run services and Cloud Functions accept only internal traffic, and grant no role to allUsers or allAuthenticatedUsers, unless the stack's config lists them as public.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Set ingress to INGRESS_TRAFFIC_INTERNAL_ONLY (functions: ALLOW_INTERNAL_ONLY) and grant roles/run.invoker to the callers' service accounts; for a service meant to be public, add its name to publicServices in the stack's policy config.",
    defaults: INTERNAL_INGRESS_DEFAULTS,
    schema: {
        publicServices: schema.strings(
            "Names of services and functions allowed to be public: the physical name, or the Pulumi name when the name is auto-generated.",
            INTERNAL_INGRESS_DEFAULTS.publicServices,
        ),
        allowInternalLoadBalancer: schema.boolean(
            "Also accept INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER (ALLOW_INTERNAL_AND_GCLB, internal-and-cloud-load-balancing).",
            INTERNAL_INGRESS_DEFAULTS.allowInternalLoadBalancer,
        ),
    },
    appliesTo: (type) => type in INGRESS_SETTINGS || INVOKER_IAM_TYPES.has(type),
    check: (resource) => {
        const setting = INGRESS_SETTINGS[resource.type];
        if (setting) {
            checkIngress(resource, setting);
        } else {
            checkInvokerIam(resource);
        }
    },
});
