// gcp-cloudrun-internal-ingress: nothing serverless answers the internet unless the stack's config
// says it is public. Covers the network side (ingress settings) and the identity side (IAM grants
// to allUsers / allAuthenticatedUsers, and invokerIamDisabled), for Cloud Run v2 and v1 services
// and Cloud Functions of both generations. "Public" is decided by one rule (lib/exposure.ts): the
// physical name, location and project, the Pulumi name only when no physical name is set.

import { ResourceCheck, resourcePolicy } from "../lib/policy";
import { schema } from "../lib/config";
import { GCP, INVOKER_IAM_TYPES } from "../lib/types";
import { PlainObject, UNKNOWN, Unknown, bool, get, str } from "../lib/props";
import { isPublicPrincipal, readGrants } from "../lib/iam";
import { WORKLOAD_NAMES } from "../lib/workloads";
import { IdentityFields, ServiceIdentity, displayName, identityOf, isListedPublic } from "../lib/exposure";

export interface InternalIngressArgs {
    /**
     * Services and functions allowed to be public: physical name, `location/name`,
     * `project/location/name` or a resource path; the Pulumi name only for unnamed resources.
     */
    publicServices: string[];
    /** Also accept "internal and Cloud Load Balancing" ingress (an internal or external LB in front). */
    allowInternalLoadBalancer: boolean;
    /** Also accept a Cloud Run service with Identity-Aware Proxy enabled (iapEnabled) in front of it. */
    allowIap: boolean;
}

export const INTERNAL_INGRESS_DEFAULTS: InternalIngressArgs = {
    publicServices: [],
    allowInternalLoadBalancer: false,
    allowIap: false,
};

/** Per kind: where the ingress setting and identity live, what "internal" is spelled like, and the default. */
interface IngressSetting {
    readonly read: (props: PlainObject) => ReturnType<typeof str>;
    readonly property: string;
    readonly internal: string;
    readonly internalLoadBalancer: string;
    readonly unsetMeans: string;
    readonly identity: IdentityFields;
    /** False for a resource no HTTP request can reach (a 1st gen function with only an event trigger). */
    readonly servesHttp?: (props: PlainObject) => boolean | Unknown;
}

const INGRESS_SETTINGS: Readonly<Record<string, IngressSetting>> = {
    [GCP.runService]: {
        read: (props) => str(get(props, "ingress")),
        property: "ingress",
        internal: "INGRESS_TRAFFIC_INTERNAL_ONLY",
        internalLoadBalancer: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
        unsetMeans: "INGRESS_TRAFFIC_ALL",
        identity: { name: "name", location: "location" },
    },
    [GCP.runV1Service]: {
        read: (props) => str(get(props, "metadata", "annotations", "run.googleapis.com/ingress")),
        property: 'metadata.annotations["run.googleapis.com/ingress"]',
        internal: "internal",
        internalLoadBalancer: "internal-and-cloud-load-balancing",
        unsetMeans: "all",
        identity: { name: "name", location: "location" },
    },
    [GCP.functionV1]: {
        read: (props) => str(get(props, "ingressSettings")),
        property: "ingressSettings",
        internal: "ALLOW_INTERNAL_ONLY",
        internalLoadBalancer: "ALLOW_INTERNAL_AND_GCLB",
        unsetMeans: "ALLOW_ALL",
        identity: { name: "name", location: "region" },
        servesHttp: (props) => {
            const http = bool(get(props, "triggerHttp"));
            const event = get(props, "eventTrigger");
            if (http === true) return true;
            if (event === UNKNOWN || http === UNKNOWN) return UNKNOWN;
            return event === undefined;
        },
    },
    [GCP.functionV2]: {
        read: (props) => str(get(props, "serviceConfig", "ingressSettings")),
        property: "serviceConfig.ingressSettings",
        internal: "ALLOW_INTERNAL_ONLY",
        internalLoadBalancer: "ALLOW_INTERNAL_AND_GCLB",
        unsetMeans: "ALLOW_ALL",
        identity: { name: "name", location: "location" },
    },
};

/** Where an invoker IAM resource names the service or function it grants on. */
function invokerTarget(type: string): { fields: IdentityFields; kind: string } {
    if (type.startsWith("gcp:cloudrunv2/")) return { fields: { name: "name", location: "location" }, kind: "Cloud Run service" };
    // The v1 API's IamMember grants on any Cloud Run service (a 2nd gen function's too): same kind.
    if (type.startsWith("gcp:cloudrun/")) return { fields: { name: "service", location: "location" }, kind: "Cloud Run service" };
    if (type.startsWith("gcp:cloudfunctions/")) return { fields: { name: "cloudFunction", location: "region" }, kind: "Cloud Function (1st gen)" };
    return { fields: { name: "cloudFunction", location: "location" }, kind: "Cloud Function (2nd gen)" };
}

function fixHint(identity: ServiceIdentity): string {
    const entry = identity.name === UNKNOWN ? "its name" : `'${identity.name}'`;
    return `or list ${entry} in publicServices if it is meant to be public`;
}

/**
 * The alternatives to internal-only ingress the stack's config accepts: exactly these, each a
 * named setting. (The hook for other fronts: add one here with its config switch.)
 */
function acceptedAlternative(resource: ResourceCheck<InternalIngressArgs>, setting: IngressSetting, ingress: string | undefined): boolean | Unknown {
    const { config, props } = resource;
    if (config.allowInternalLoadBalancer && ingress === setting.internalLoadBalancer) return true;
    if (config.allowIap && resource.type === GCP.runService) {
        const iap = bool(get(props, "iapEnabled"));
        if (iap === UNKNOWN) return UNKNOWN;
        return iap === true;
    }
    return false;
}

function checkIngress(resource: ResourceCheck<InternalIngressArgs>, setting: IngressSetting): void {
    const { config, props } = resource;
    const kind = WORKLOAD_NAMES[resource.type];
    const identity = identityOf(props, setting.identity, resource.name, resource.providerProps);
    const shown = `${kind} ${displayName(resource.name, identity.fromLogicalName ? undefined : identity.name)}`;
    const listed = isListedPublic(identity, config.publicServices);

    const servesHttp = setting.servesHttp ? setting.servesHttp(props) : true;
    const ingress = setting.read(props);
    if (servesHttp === false) {
        // An event-triggered 1st gen function has no URL: its ingress setting changes nothing.
    } else if (ingress === UNKNOWN || servesHttp === UNKNOWN) {
        resource.skips.add(`The ingress of ${shown} is unknown at preview.`);
    } else if (ingress !== setting.internal && listed !== true) {
        const alternative = acceptedAlternative(resource, setting, ingress);
        if (alternative === UNKNOWN || listed === UNKNOWN) {
            resource.skips.add(`${shown} is not internal-only, and what decides whether it may be public is unknown at preview.`);
        } else if (!alternative) {
            const current = ingress === undefined ? `unset, which means ${setting.unsetMeans}` : ingress;
            const allowed = [setting.internal, ...(config.allowInternalLoadBalancer ? [setting.internalLoadBalancer] : [])];
            resource.report(
                `${shown} accepts traffic from the internet: its ${setting.property} is ${current}. ` +
                    `Set ${setting.property} to ${allowed.join(" or ")}, ${fixHint(identity)}.`,
            );
        }
    }

    if (resource.type === GCP.runService && listed !== true) {
        const disabled = bool(get(props, "invokerIamDisabled"));
        if (disabled === UNKNOWN || (disabled === true && listed === UNKNOWN)) {
            resource.skips.add(`Whether ${shown} may skip the invoker IAM check is unknown at preview.`);
        } else if (disabled === true) {
            resource.report(
                `${shown} sets invokerIamDisabled, so anyone who can reach it may call it without an IAM check. ` +
                    `Remove invokerIamDisabled, ${fixHint(identity)}.`,
            );
        }
    }
}

function checkInvokerIam(resource: ResourceCheck<InternalIngressArgs>): void {
    const { config, props } = resource;
    const { fields, kind } = invokerTarget(resource.type);
    const read = readGrants(resource.type, props);
    if (read.unknownGrants) {
        resource.skips.add(`The members granted by '${resource.name}' are unknown at preview, so a grant to allUsers cannot be ruled out.`);
    }
    // An unknown member is the output of another resource (a service account's e-mail, say); it
    // cannot be the literal allUsers, so only known public principals matter here.
    const publicGrants = read.grants.filter((grant) => typeof grant.member === "string" && isPublicPrincipal(grant.member));
    if (publicGrants.length === 0) return;

    const target = identityOf(props, fields, undefined, resource.providerProps);
    const listed = isListedPublic(target, config.publicServices);
    if (listed === true) return;
    if (listed === UNKNOWN) {
        resource.skips.add(
            `'${resource.name}' grants access to ${String(publicGrants[0].member)} on a ${kind} whose ${target.name === UNKNOWN ? "name" : "location or project"} is unknown at preview, so whether that ${kind} is listed in publicServices cannot be checked yet.`,
        );
        return;
    }
    const on = target.name === UNKNOWN ? `a ${kind} whose name is unknown at preview (no service is listed in publicServices)` : `${kind} '${target.name}', which is not listed in publicServices`;
    for (const grant of publicGrants) {
        const role = typeof grant.role === "string" && grant.role !== "" ? grant.role : "a role";
        resource.report(
            `'${resource.name}' grants ${role} to ${String(grant.member)} on ${on}, so anyone could call it. ` +
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
        "Set ingress to INGRESS_TRAFFIC_INTERNAL_ONLY (functions: ALLOW_INTERNAL_ONLY) and grant roles/run.invoker to the callers' service accounts; for a service meant to be public, add its physical name to publicServices in the stack's policy config.",
    defaults: INTERNAL_INGRESS_DEFAULTS,
    schema: {
        publicServices: schema.strings(
            "Services and functions allowed to be public, by physical name (name, location/name, project/location/name or a resource path); the Pulumi name only for resources with no physical name.",
            INTERNAL_INGRESS_DEFAULTS.publicServices,
        ),
        allowInternalLoadBalancer: schema.boolean(
            "Also accept INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER (ALLOW_INTERNAL_AND_GCLB, internal-and-cloud-load-balancing).",
            INTERNAL_INGRESS_DEFAULTS.allowInternalLoadBalancer,
        ),
        allowIap: schema.boolean(
            "Also accept a Cloud Run service that has Identity-Aware Proxy enabled (iapEnabled: true).",
            INTERNAL_INGRESS_DEFAULTS.allowIap,
        ),
    },
    types: [...Object.keys(INGRESS_SETTINGS), ...INVOKER_IAM_TYPES],
    check: (resource) => {
        const setting = INGRESS_SETTINGS[resource.type];
        if (setting) {
            checkIngress(resource, setting);
        } else {
            checkInvokerIam(resource);
        }
    },
});
