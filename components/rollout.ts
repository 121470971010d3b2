// Rollouts that can be undone in seconds: while a deploy tests a new revision, traffic stays pinned
// to the revision that served it, and the new one is reachable only at its tagged URL.
//
// The deploy workflow sets the stack config `deploy:pinTraffic` (in its runner's copy of
// Pulumi.<stack>.yaml, never committed) to {"<service key>": "<revision serving now>"} before its
// first `pulumi up`; that up creates the new revisions with 0 % traffic and the tag `candidate`.
// After the smoke tests pass it removes the key and runs `pulumi up` again, which moves 100 % to
// the latest revision. A failed step leaves the pin, so traffic never moved. Without the key (pull
// request previews, first deploys, new services) every service sends 100 % to its latest revision.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/** Config namespace and key of the switch. */
export const PIN_NAMESPACE = "deploy";
export const PIN_KEY = "pinTraffic";
/** Traffic tag of the revision under test: its URL is https://candidate---<service host>. */
export const CANDIDATE_TAG = "candidate";

type Traffic = gcp.types.input.cloudrunv2.ServiceTraffic;

/** Cloud Run revision names: the service name, a hyphen, then lowercase letters, digits and hyphens. */
const REVISION = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The traffic block of one service. `pinned` is the revision that keeps 100 %, or undefined.
 * Throws when the revision cannot belong to the service (a pin copied across services).
 */
export function trafficFor(serviceName: string, pinned: string | undefined): Traffic[] {
    if (pinned === undefined) return [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 100 }];
    if (!REVISION.test(pinned) || !pinned.startsWith(`${serviceName}-`)) {
        throw new Error(`${PIN_NAMESPACE}:${PIN_KEY}: '${pinned}' is not a revision of Cloud Run service ${serviceName}.`);
    }
    return [
        { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: pinned, percent: 100 },
        { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 0, tag: CANDIDATE_TAG },
    ];
}

/**
 * Reads `deploy:pinTraffic` ({"<service key>": "<revision>"}, a JSON object or its string form).
 * Unset: no pins. Any other shape throws, naming the key.
 */
export function readPins(config: pulumi.Config = new pulumi.Config(PIN_NAMESPACE)): ReadonlyMap<string, string> {
    const raw = config.get(PIN_KEY);
    if (raw === undefined || raw === "") return new Map();
    return parsePins(raw);
}

export function parsePins(raw: string): ReadonlyMap<string, string> {
    let value: unknown;
    try {
        value = JSON.parse(raw);
    } catch {
        throw new Error(`${PIN_NAMESPACE}:${PIN_KEY} must be a JSON object of service key to revision name, got ${JSON.stringify(raw)}.`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)
        || Object.values(value).some((v) => typeof v !== "string")) {
        throw new Error(`${PIN_NAMESPACE}:${PIN_KEY} must be a JSON object of service key to revision name.`);
    }
    return new Map(Object.entries(value as Record<string, string>));
}
