// Which service or function a resource is, for deciding whether it may be public: the one rule
// every check that reasons about "public" uses (ingress, invokerIamDisabled, invoker grants).
//
// A service is identified by its physical name (the `name` property, bare or as a resource path),
// with its location and project; the Pulumi (logical) name stands in only when no physical name is
// set, or when the physical name is the one Pulumi's auto-naming derived from it (`<logical>-` and
// seven hex digits). So `new Service("gateway", { name: "admin-console" })` is admin-console, and
// listing "gateway" does not make it public.

import { Maybe, PlainObject, UNKNOWN, Unknown, get, str } from "./props";
import { lastSegment } from "./names";

export interface ServiceIdentity {
    /** The name the service has in Google Cloud; UNKNOWN when computed at preview. */
    readonly name: string | Unknown;
    /** True when `name` is the logical name (no physical name set, or Pulumi's auto-name of it). */
    readonly fromLogicalName: boolean;
    readonly location: Maybe<string>;
    readonly project: Maybe<string>;
}

/** Where a kind keeps the name, location and project of the service it is or points at. */
export interface IdentityFields {
    readonly name: string;
    readonly location: string;
    readonly project?: string;
}

const AUTO_NAME_SUFFIX = /^-[0-9a-f]{7}$/;

/** `projects/p/locations/l/services/s` carries its own location and project. */
function pathParts(value: string): { project?: string; location?: string } {
    const project = /(?:^|\/)projects\/([^/]+)/.exec(value)?.[1];
    const location = /(?:^|\/)locations\/([^/]+)/.exec(value)?.[1];
    return { project, location };
}

/**
 * The identity of a resource (a service or function), or of the service an IAM resource points at
 * (then `logicalName` is undefined: a grant knows its target only by physical name).
 */
export function identityOf(
    props: PlainObject,
    fields: IdentityFields,
    logicalName: string | undefined,
    providerProps?: PlainObject,
): ServiceIdentity {
    const raw = str(get(props, fields.name));
    const fromPath = typeof raw === "string" ? pathParts(raw) : {};
    const location = fromPath.location ?? str(get(props, fields.location));
    const project = fromPath.project ?? str(get(props, fields.project ?? "project")) ?? str(get(providerProps, "project"));
    if (raw === UNKNOWN) return { name: UNKNOWN, fromLogicalName: false, location, project };
    const physical = raw === undefined || raw === "" ? undefined : lastSegment(raw);
    if (physical === undefined) {
        return { name: logicalName ?? "(unnamed)", fromLogicalName: logicalName !== undefined, location, project };
    }
    const autoNamed =
        logicalName !== undefined && physical.startsWith(logicalName) && AUTO_NAME_SUFFIX.test(physical.slice(logicalName.length));
    return { name: autoNamed ? logicalName : physical, fromLogicalName: autoNamed, location, project };
}

/**
 * An entry of publicServices: `name`, `location/name`, `project/location/name`, or a resource path
 * (`projects/p/locations/l/services/name`, `.../functions/name`).
 */
interface PublicEntry {
    readonly name: string;
    readonly location?: string;
    readonly project?: string;
}

export function parsePublicEntry(entry: string): PublicEntry {
    if (entry.startsWith("projects/")) {
        const { project, location } = pathParts(entry);
        return { name: lastSegment(entry), location, project };
    }
    const parts = entry.split("/").filter((part) => part !== "");
    if (parts.length >= 3) return { project: parts[parts.length - 3], location: parts[parts.length - 2], name: parts[parts.length - 1] };
    if (parts.length === 2) return { location: parts[0], name: parts[1] };
    return { name: entry };
}

/**
 * Whether the stack's config lists this service as public. UNKNOWN when the answer hangs on a
 * value unknown at preview (the name, or a location/project an entry pins). A pinned location or
 * project the resource does not state does not match: the safe reading.
 */
export function isListedPublic(identity: ServiceIdentity, entries: readonly string[]): boolean | Unknown {
    if (identity.name === UNKNOWN) return entries.length === 0 ? false : UNKNOWN;
    let unknown = false;
    for (const entry of entries.map(parsePublicEntry)) {
        if (entry.name !== identity.name) continue;
        const checks: Array<[string | undefined, Maybe<string>]> = [
            [entry.location, identity.location],
            [entry.project, identity.project],
        ];
        let matches = true;
        for (const [wanted, actual] of checks) {
            if (wanted === undefined) continue;
            if (actual === UNKNOWN) unknown = true;
            else if (actual === undefined || lastSegment(actual) !== wanted) matches = false;
        }
        if (matches && !unknown) return true;
    }
    return unknown ? UNKNOWN : false;
}

/**
 * The naming convention of every message: the Pulumi name, with the physical name in parentheses
 * where they differ: 'gateway' (admin-console).
 */
export function displayName(logicalName: string, physical: string | Unknown | undefined): string {
    // A name computed by the provider (unknown at preview) is left out: the Pulumi name is enough.
    if (physical === UNKNOWN) return `'${logicalName}'`;
    return physical === undefined || physical === logicalName ? `'${logicalName}'` : `'${logicalName}' (${physical})`;
}

/** Types whose `name` property is their own physical name (for IAM resources it names the target). */
const OWN_NAME_TYPES: ReadonlySet<string> = new Set([
    "gcp:cloudrunv2/service:Service",
    "gcp:cloudrunv2/job:Job",
    "gcp:cloudrunv2/workerPool:WorkerPool",
    "gcp:cloudrun/service:Service",
    "gcp:cloudfunctions/function:Function",
    "gcp:cloudfunctionsv2/function:Function",
    "gcp:sql/databaseInstance:DatabaseInstance",
    "gcp:storage/bucket:Bucket",
    "gcp:redis/instance:Instance",
    "gcp:pubsub/topic:Topic",
    "gcp:pubsub/subscription:Subscription",
    "gcp:compute/instance:Instance",
    "gcp:compute/disk:Disk",
    "gcp:dns/managedZone:ManagedZone",
    "gcp:kms/cryptoKey:CryptoKey",
]);

/** A resource as messages name it: 'pulumi-name', or 'pulumi-name' (physical-name) where they differ. */
export function shownName(resource: { readonly type: string; readonly name: string; readonly props: PlainObject }): string {
    if (!OWN_NAME_TYPES.has(resource.type)) return `'${resource.name}'`;
    const raw = str(get(resource.props, "name"));
    return displayName(resource.name, typeof raw === "string" && raw !== "" ? lastSegment(raw) : raw === UNKNOWN ? UNKNOWN : undefined);
}
