// The plan: catalog + stack settings, merged (defaults < catalog < stack overrides) and checked.
// Pure data, no Pulumi: every decision that can be made before a resource exists is made here,
// where it can be tested without mocks and reported as a list of issues.

import { AnyCatalog, AnyServiceSpec, CPU_SIZES, Cpu, DOCUMENTS_ACCESS, DocumentsAccess, INGRESS_KINDS, MEMORY_SIZES, Memory, SecretMount, SecretSpec } from "../catalog/types";
import { Deployed, deployed as deployedKeys } from "../catalog/deployed";
import { IMAGE_DIGEST, collisions } from "./gcp-rules";
import { Issue, IssueList, show } from "./issues";
import {
    BUDGET_TOPIC, NAME_RULES, NameRule, databaseUrlSecretKey, deployIdentityAccounts, secretName, serviceNames, sqlIdentifier, sqlInstanceName,
} from "./naming";
import { Renames, originalKey, planRenames } from "./renames";
import { StackSettings } from "./settings";

/** How a service leaves the container: not through the VPC, only private ranges, or everything. */
export type Egress = "none" | "private-ranges" | "all-traffic";

export interface PlannedSecretRead {
    /** Catalog key of the secret (also its physical id, after the prefix). */
    readonly secret: string;
    readonly mount: SecretMount;
}

export interface PlannedService {
    readonly key: string;
    readonly spec: AnyServiceSpec;
    readonly names: ReturnType<typeof serviceNames>;
    readonly image: string;
    readonly imageTag: string;
    readonly min: number;
    readonly max: number;
    /** Listed in `warmInstances.services`: at least one instance, lowered off hours when the stack schedules it. */
    readonly warm: boolean;
    /** Access to the documents bucket, when the stack has one. */
    readonly documents?: DocumentsAccess;
    /** Plain env: the catalog's, then this stack's (`services.overrides.<service>.env`). */
    readonly env: Readonly<Record<string, string>>;
    readonly cpu: Cpu;
    readonly memory: Memory;
    readonly egress: Egress;
    /** Services that call this one (their accounts get run.invoker on it). */
    readonly callers: readonly string[];
    readonly secrets: readonly PlannedSecretRead[];
    readonly database?: {
        readonly key: string;
        readonly instance: string;
        /** The instance it lives on under the other `database.layout`: its resources keep their URNs across a switch. */
        readonly otherLayoutInstance: string;
        readonly name: string;
        readonly user: string;
    };
}

export interface PlannedInstance {
    readonly key: string;
    readonly name: string;
    /** Database keys on this instance. */
    readonly databases: readonly string[];
}

export interface PlannedSecret {
    readonly key: string;
    readonly name: string;
    readonly spec:
        | SecretSpec
        | { readonly source: "database-url"; readonly description: string; readonly database: string }
        | { readonly source: "redis-auth"; readonly description: string };
    /** Services that read it: exactly these get secretAccessor on it. */
    readonly readers: readonly string[];
}

export interface Plan {
    readonly settings: StackSettings;
    readonly services: readonly PlannedService[];
    readonly instances: readonly PlannedInstance[];
    readonly secrets: readonly PlannedSecret[];
    /** A Cloud NAT is needed when a service sends all traffic to the VPC yet must reach the internet. */
    readonly needsNat: boolean;
    /** Renamed catalog entries: new key -> original key, per kind (aliases in the engine). */
    readonly renames: Renames;
    /** The documents bucket's name, when the stack has one. */
    readonly documentsBucket?: string;
}

/** The instance that holds every database under `database.layout: shared`. */
export const SHARED_INSTANCE = "shared";

/** The secret holding the Memorystore AUTH string, when the stack turns Redis on. */
export const REDIS_AUTH_SECRET = "redis-auth";

/** Cloud Run: memory above these sizes needs at least this many CPUs; these CPUs need at least this memory. */
const MIN_CPU_FOR_MEMORY: ReadonlyArray<[number, number]> = [[4, 2], [8, 4], [16, 6], [24, 8]];
const MIN_MEMORY_FOR_CPU: Readonly<Record<Cpu, number>> = { "1": 0.125, "2": 0.125, "4": 2, "6": 4, "8": 4 };
/** Set by Cloud Run itself; a container may not define them. */
const RESERVED_ENV = ["PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION", "CLOUD_RUN_JOB", "CLOUD_RUN_EXECUTION", "CLOUD_RUN_TASK_INDEX"];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function gibibytes(memory: Memory): number {
    const n = Number(memory.slice(0, -2));
    return memory.endsWith("Gi") ? n : n / 1024;
}

/** Builds the plan, or returns every problem found in the catalog and the settings together. */
export function buildPlan(catalog: AnyCatalog, settings: StackSettings, deployed: Deployed = deployedKeys): { plan?: Plan; issues: readonly Issue[] } {
    const issues = new IssueList();
    const renames = planRenames(catalog, deployed, issues);
    const original = {
        service: (key: string) => originalKey(renames, "services", key),
        database: (key: string) => originalKey(renames, "databases", key),
        secret: (key: string) => originalKey(renames, "secrets", key),
    };
    const { namePrefix: prefix, stack } = settings;
    const serviceKeys = Object.keys(catalog.services);
    const checkName = (path: string, rule: NameRule, name: string) => {
        if (!rule.pattern.test(name)) issues.add(path, `${show(name)} is not a valid ${rule.what}; use ${rule.hint}.`);
    };

    // Databases and where they live in this stack.
    const instanceOf = (db: string) => (settings.database.layout === "shared" ? SHARED_INSTANCE : catalog.databases[db].instance);
    const otherLayoutInstanceOf = (db: string) => (settings.database.layout === "shared" ? catalog.databases[db].instance : SHARED_INSTANCE);
    const owners = new Map<string, string>();
    for (const [key, svc] of Object.entries(catalog.services)) {
        if (svc.database === undefined) continue;
        if (!(svc.database in catalog.databases)) {
            issues.add(`services.${key}.database`, `${show(svc.database)} is not a database in the catalog; known: ${Object.keys(catalog.databases).join(", ")}.`);
        } else if (owners.has(svc.database)) {
            issues.add(`services.${key}.database`, `${show(svc.database)} is already owned by ${owners.get(svc.database)}; each database has exactly one service.`);
        } else {
            owners.set(svc.database, key);
        }
    }
    for (const db of Object.keys(catalog.databases)) {
        checkName(`databases.${db}`, NAME_RULES.sqlDatabase, sqlIdentifier(original.database(db)));
        checkName(`databases.${db}.instance`, NAME_RULES.sqlInstance, sqlInstanceName(prefix, catalog.databases[db].instance));
    }

    // Secrets: catalog secrets plus one connection URL per owned database.
    const readers = new Map<string, string[]>();
    for (const key of Object.keys(catalog.secrets)) readers.set(key, []);
    for (const db of owners.keys()) {
        const urlKey = databaseUrlSecretKey(db);
        if (readers.has(urlKey)) issues.add(`secrets.${urlKey}`, `clashes with the connection secret generated for database ${show(db)}; rename it.`);
        readers.set(urlKey, []);
    }
    if (settings.redis.enabled) {
        if (readers.has(REDIS_AUTH_SECRET)) issues.add(`secrets.${REDIS_AUTH_SECRET}`, "clashes with the Redis AUTH secret the platform creates; rename it.");
        readers.set(REDIS_AUTH_SECRET, []);
    }
    /** The physical id of a planned secret: a renamed secret or database keeps its original one. */
    const secretId = (key: string) => {
        const db = [...owners.keys()].find((d) => databaseUrlSecretKey(d) === key);
        return secretName(prefix, db !== undefined ? databaseUrlSecretKey(original.database(db)) : original.secret(key));
    };
    for (const key of readers.keys()) checkName(`secrets.${key}`, NAME_RULES.secret, secretId(key));

    const planned: PlannedService[] = [];
    for (const key of serviceKeys) {
        const svc = catalog.services[key];
        const path = `services.${key}`;
        const names = serviceNames(prefix, original.service(key));
        checkName(path, NAME_RULES.cloudRunService, names.service);
        checkName(path, NAME_RULES.serviceAccount, names.account);
        checkName(`${path}.image`, NAME_RULES.image, svc.image);
        if (svc.migrations) checkName(path, NAME_RULES.cloudRunJob, names.migrateJob);
        if (svc.trigger) {
            checkName(path, NAME_RULES.serviceAccount, names.pushAccount);
            checkName(`${path}.trigger.topic`, NAME_RULES.topic, svc.trigger.topic);
        }

        if (!(INGRESS_KINDS as readonly string[]).includes(svc.ingress)) issues.add(`${path}.ingress`, `${show(svc.ingress)} is not an ingress; use internal or public.`);
        if (!Number.isInteger(svc.port) || svc.port < 1 || svc.port > 65535) issues.add(`${path}.port`, `${show(svc.port)} is not a TCP port (1-65535).`);
        if (!svc.healthPath.startsWith("/")) issues.add(`${path}.healthPath`, `${show(svc.healthPath)} must start with '/'.`);
        if (!Number.isInteger(svc.concurrency) || svc.concurrency < 1 || svc.concurrency > 1000) issues.add(`${path}.concurrency`, `${show(svc.concurrency)} is not allowed; Cloud Run takes 1 to 1000 requests per instance.`);
        if (!Number.isInteger(svc.timeoutSeconds) || svc.timeoutSeconds < 1 || svc.timeoutSeconds > 3600) issues.add(`${path}.timeoutSeconds`, `${show(svc.timeoutSeconds)} is not allowed; Cloud Run takes 1 to 3600 seconds.`);

        // Sizes: catalog, then this stack's override.
        const override = settings.services.overrides[key] ?? {};
        const cpu = override.cpu ?? svc.resources.cpu;
        const memory = override.memory ?? svc.resources.memory;
        const sizePath = override.cpu || override.memory ? `config mindmirror:services.overrides.${key}` : `${path}.resources`;
        if (!(CPU_SIZES as readonly string[]).includes(cpu)) issues.add(`${sizePath}.cpu`, `${show(cpu)} is not a Cloud Run CPU limit; use one of ${CPU_SIZES.join(", ")}.`);
        if (!(MEMORY_SIZES as readonly string[]).includes(memory)) {
            issues.add(`${sizePath}.memory`, `${show(memory)} is not a Cloud Run memory size; use a value like 512Mi or 2Gi.`);
        } else if ((CPU_SIZES as readonly string[]).includes(cpu)) {
            const gib = gibibytes(memory);
            const needCpu = MIN_CPU_FOR_MEMORY.filter(([m]) => gib > m).map(([, c]) => c).pop() ?? 1;
            if (Number(cpu) < needCpu) issues.add(sizePath, `memory ${memory} needs at least ${needCpu} CPUs on Cloud Run, but cpu is ${show(cpu)}.`);
            if (gib < MIN_MEMORY_FOR_CPU[cpu]) issues.add(sizePath, `cpu ${show(cpu)} needs at least ${MIN_MEMORY_FOR_CPU[cpu]}Gi of memory on Cloud Run, but memory is ${memory}.`);
        }

        const scale = svc.scaling[stack];
        const warm = settings.warmInstances.services.includes(key);
        const min = override.min ?? Math.max(scale.min, warm ? 1 : 0);
        const max = override.max ?? scale.max;
        const scalePath = override.min !== undefined || override.max !== undefined ? `config mindmirror:services.overrides.${key}` : `${path}.scaling.${stack}`;
        if (!Number.isInteger(min) || min < 0) issues.add(`${scalePath}.min`, `${show(min)} must be a whole number, 0 or more.`);
        if (!Number.isInteger(max) || max < 1) issues.add(`${scalePath}.max`, `${show(max)} must be a whole number, 1 or more.`);
        if (min > max) issues.add(scalePath, `min (${min}) is above max (${max}).`);
        if (warm && min === 0) issues.add(`config mindmirror:services.overrides.${key}.min`, `is 0, but ${key} is listed in mindmirror:warmInstances.services; remove one of them.`);

        // Edges.
        for (const callee of svc.calls ?? []) {
            if (!(callee in catalog.services)) issues.add(`${path}.calls`, `${show(callee)} is not a service in the catalog; known: ${serviceKeys.join(", ")}.`);
            else if (callee === key) issues.add(`${path}.calls`, "a service cannot call itself through its invoker grant.");
        }
        for (const publisher of svc.trigger?.publishers ?? []) {
            if (!(publisher in catalog.services)) issues.add(`${path}.trigger.publishers`, `${show(publisher)} is not a service in the catalog.`);
        }
        const alertOverrides = svc.alerts ?? {};
        if (alertOverrides.errorRatio !== undefined && !(alertOverrides.errorRatio > 0 && alertOverrides.errorRatio <= 1)) {
            issues.add(`${path}.alerts.errorRatio`, `${show(alertOverrides.errorRatio)} is not a share of responses; use a number above 0 and at most 1.`);
        }
        if (alertOverrides.latencyP95Ms !== undefined && !(Number.isInteger(alertOverrides.latencyP95Ms) && alertOverrides.latencyP95Ms > 0)) {
            issues.add(`${path}.alerts.latencyP95Ms`, `${show(alertOverrides.latencyP95Ms)} is not a latency; use whole milliseconds above 0.`);
        }
        if (svc.migrations && svc.database === undefined) issues.add(`${path}.migrations`, "migrations need the service's database; declare `database`.");
        if (svc.migrations && svc.migrations.command.length === 0) issues.add(`${path}.migrations.command`, "is empty; give the migration command, e.g. [\"alembic\", \"upgrade\", \"head\"].");

        // Environment: plain names, secret names and reserved names must not collide.
        const envNames = new Map<string, string>();
        const claim = (name: string, by: string) => {
            if (!ENV_NAME.test(name)) issues.add(by, `${show(name)} is not an environment variable name.`);
            if (RESERVED_ENV.includes(name)) issues.add(by, `${name} is set by Cloud Run itself and cannot be defined.`);
            const previous = envNames.get(name);
            if (previous) issues.add(by, `${name} is already defined by ${previous}.`);
            envNames.set(name, by);
        };
        for (const name of Object.keys(svc.env ?? {})) claim(name, `${path}.env.${name}`);
        // Env: catalog < this stack's services.env < this stack's override for the service.
        const stackEnv: Array<readonly [name: string, value: string, where: string]> = [
            ...Object.entries(settings.services.env ?? {}).map(([n, v]) => [n, v, `config mindmirror:services.env.${n}`] as const),
            ...Object.entries(override.env ?? {}).map(([n, v]) => [n, v, `config mindmirror:services.overrides.${key}.env.${n}`] as const),
        ];
        const fromStack: Record<string, string> = {};
        for (const [name, value, where] of stackEnv) {
            // A name the catalog or services.env already sets is overridden, not claimed twice.
            if (!(name in (svc.env ?? {})) && !(name in fromStack)) claim(name, where);
            const secretLike = plainEnvProblem(name, value);
            if (secretLike) issues.add(where, secretLike);
            fromStack[name] = value;
        }
        const env = { ...(svc.env ?? {}), ...fromStack };
        if (svc.documents !== undefined && !(DOCUMENTS_ACCESS as readonly string[]).includes(svc.documents)) {
            issues.add(`${path}.documents`, `${show(svc.documents)} is not a documents access; use ${DOCUMENTS_ACCESS.join(" or ")}.`);
        }
        const documents = settings.documents.enabled ? svc.documents : undefined;
        if (documents !== undefined) claim(DOCUMENTS_ENV, `${path}.documents`);
        const secretReads: PlannedSecretRead[] = [];
        for (const [secret, mount] of Object.entries(svc.secrets ?? {})) {
            if (mount === undefined) continue;
            if (!(secret in catalog.secrets)) {
                issues.add(`${path}.secrets.${secret}`, `${show(secret)} is not a secret in the catalog; known: ${Object.keys(catalog.secrets).join(", ")}.`);
                continue;
            }
            claim(mount.as === "env" ? mount.env : fileEnvName(secret), `${path}.secrets.${secret}`);
            secretReads.push({ secret, mount });
            readers.get(secret)?.push(key);
        }
        if (svc.redis === true && settings.redis.enabled) {
            claim(fileEnvName(REDIS_AUTH_SECRET), `${path}.redis`);
            secretReads.push({ secret: REDIS_AUTH_SECRET, mount: { as: "file" } });
            readers.get(REDIS_AUTH_SECRET)?.push(key);
        }
        let database: PlannedService["database"];
        if (svc.database !== undefined && owners.get(svc.database) === key) {
            const urlKey = databaseUrlSecretKey(svc.database);
            claim("DATABASE_URL_FILE", `${path}.database`);
            secretReads.push({ secret: urlKey, mount: { as: "file", file: "url" } });
            readers.get(urlKey)?.push(key);
            database = {
                key: svc.database,
                instance: instanceOf(svc.database),
                otherLayoutInstance: otherLayoutInstanceOf(svc.database),
                name: sqlIdentifier(original.database(svc.database)),
                user: sqlIdentifier(original.database(svc.database)),
            };
        }

        const tag = settings.imageTags[key];
        if (tag === undefined) issues.add(`config mindmirror:imageTags.${key}`, `is missing; every service needs an image tag (pulumi config set --path 'mindmirror:imageTags.${key}' <tag>).`);

        planned.push({
            key, spec: svc, names, min, max, warm, documents, cpu, memory, database, secrets: secretReads, env,
            imageTag: tag ?? "",
            image: `${settings.region}-docker.pkg.dev/${settings.project}/${settings.registry.repository}/${svc.image}${IMAGE_DIGEST.test(tag ?? "") ? "@" : ":"}${tag ?? ""}`,
            egress: "none",
            callers: [],
        });
    }
    for (const key of Object.keys(settings.imageTags)) {
        if (!(key in catalog.services)) issues.add(`config mindmirror:imageTags.${key}`, `${show(key)} is not a service in the catalog; known: ${serviceKeys.join(", ")}.`);
    }
    for (const key of settings.warmInstances.services) {
        if (!(key in catalog.services)) issues.add(`config mindmirror:warmInstances.services`, `${show(key)} is not a service in the catalog; known: ${serviceKeys.join(", ")}.`);
    }
    for (const key of settings.edge.enabled ? settings.edge.cdn : []) {
        if (catalog.services[key]?.ingress !== "public") issues.add("config mindmirror:edge.cdn", `${show(key)} is not a public service of the catalog; Cloud CDN sits in front of public services only.`);
    }
    if (settings.edge.enabled && !serviceKeys.some((k) => catalog.services[k].ingress === "public")) {
        issues.add("config mindmirror:edge.enabled", "no service is public, so there is nothing to put behind the load balancer.");
    }
    if (settings.login.enabled && !serviceKeys.some((k) => catalog.services[k].ingress === "public")) {
        issues.add("config mindmirror:login.enabled", "no service is public, so there is nothing to put behind the login.");
    }
    const documentsBucket = settings.documents.enabled ? documentsBucketName(prefix, settings.project) : undefined;
    if (documentsBucket !== undefined && !BUCKET_NAME.test(documentsBucket)) {
        issues.add("config mindmirror:documents", `the bucket name ${show(documentsBucket)} is not a Cloud Storage bucket name (3-63 lowercase letters, digits, '-', '_' or '.').`);
    }
    for (const key of Object.keys(settings.services.overrides)) {
        if (!(key in catalog.services)) issues.add(`config mindmirror:services.overrides.${key}`, `${show(key)} is not a service in the catalog; known: ${serviceKeys.join(", ")}.`);
    }

    // Derived edges: callers and egress.
    const byKey = new Map(planned.map((p) => [p.key, p]));
    const callers = new Map<string, string[]>(planned.map((p) => [p.key, []]));
    for (const p of planned) for (const callee of p.spec.calls ?? []) callers.get(callee)?.push(p.key);
    const finished: PlannedService[] = planned.map((p) => {
        const callsInternal = (p.spec.calls ?? []).some((c) => byKey.get(c)?.spec.ingress === "internal");
        const needsPrivate = p.database !== undefined || (p.spec.redis === true && settings.redis.enabled);
        const egress: Egress = callsInternal ? "all-traffic" : needsPrivate ? "private-ranges" : "none";
        return { ...p, egress, callers: callers.get(p.key) ?? [] };
    });

    // Direct VPC egress takes two subnet addresses per instance at scale-out.
    const vpcInstances = finished.filter((p) => p.egress !== "none").reduce((sum, p) => sum + p.max, 0);
    const prefixLength = Number(settings.network.subnetCidr.split("/")[1]);
    const usable = 2 ** (32 - prefixLength) - 4;
    if (2 * vpcInstances > usable) {
        issues.add("config mindmirror:network.subnetCidr", `${settings.network.subnetCidr} has ${usable} usable addresses but Direct VPC egress may need ${2 * vpcInstances} (two per instance at max scale); use a larger range.`);
    }

    const order = topologicalOrder(finished.map((p) => [p.key, (p.spec.calls ?? []).filter((c) => byKey.has(c))]));
    if (order.cycle) issues.add(`services.${order.cycle[0]}.calls`, `calls form a cycle (${order.cycle.join(" -> ")}); a caller needs its callee's URL, so calls must not loop.`);
    const ordered = order.keys.map((k) => finished.find((p) => p.key === k)!);

    const instanceKeys = [...new Set([...owners.keys()].map(instanceOf))].sort();
    const instances: PlannedInstance[] = instanceKeys.map((k) => ({
        key: k,
        name: sqlInstanceName(prefix, k),
        databases: [...owners.keys()].filter((db) => instanceOf(db) === k).sort(),
    }));
    for (const db of Object.keys(catalog.databases)) {
        if (!owners.has(db)) issues.add(`databases.${db}`, "no service owns this database; give it an owner or remove it.");
    }

    const secrets: PlannedSecret[] = [...readers.entries()].map(([key, r]) => {
        const db = [...owners.keys()].find((d) => databaseUrlSecretKey(d) === key);
        return {
            key,
            name: secretId(key),
            spec: db !== undefined
                ? { source: "database-url" as const, description: `Connection URL of the ${db} database`, database: db }
                : key === REDIS_AUTH_SECRET && settings.redis.enabled
                    ? { source: "redis-auth" as const, description: "Memorystore AUTH string" }
                    : catalog.secrets[key],
            readers: r,
        };
    });

    checkCollisions(issues, finished, secrets, [...owners.keys()].map((db) => [`databases.${db}`, sqlIdentifier(original.database(db))]), prefix);

    if (!issues.ok) return { issues: issues.items };
    return {
        issues: [],
        plan: {
            settings,
            services: ordered,
            instances,
            secrets,
            needsNat: finished.some((s) => s.egress === "all-traffic" && s.spec.internet === true),
            renames,
            documentsBucket,
        },
    };
}

/**
 * Physical names GCP keeps unique per project (or per instance), compared after normalisation: two
 * catalog entries that end up with one name would fail at `up` with a conflict halfway through, or
 * worse, share one resource.
 */
function checkCollisions(
    issues: IssueList,
    services: readonly PlannedService[],
    secrets: readonly PlannedSecret[],
    sqlNames: ReadonlyArray<readonly [string, string]>,
    prefix: string,
): void {
    const ci = deployIdentityAccounts(prefix);
    const kinds: Array<[what: string, names: Array<readonly [string, string]>]> = [
        // PostgreSQL folds unquoted identifiers to lowercase.
        ["PostgreSQL database name (hyphens become underscores)", sqlNames.map(([owner, name]) => [owner, name.toLowerCase()] as const)],
        ["service account id", [
            ...services.flatMap((s) => [[`services.${s.key}`, s.names.account] as const, ...(s.spec.trigger ? [[`services.${s.key}.trigger`, s.names.pushAccount] as const] : [])]),
            ["the deployer of the deploy identity", ci.deployer], ["the previewer of the deploy identity", ci.previewer],
        ]],
        ["Cloud Run service name", services.map((s) => [`services.${s.key}`, s.names.service] as const)],
        ["Cloud Run job name", services.filter((s) => s.spec.migrations).map((s) => [`services.${s.key}.migrations`, s.names.migrateJob] as const)],
        ["Pub/Sub topic name", [
            ...services.flatMap((s) => (s.spec.trigger ? [[`services.${s.key}.trigger.topic`, s.spec.trigger.topic] as const, [`services.${s.key}.trigger.topic (dead letters)`, `${s.spec.trigger.topic}-dead-letter`] as const] : [])),
            ["the billing budget's topic", BUDGET_TOPIC],
        ]],
        ["Secret Manager secret id", secrets.map((s) => [`secrets.${s.key}`, s.name] as const)],
    ];
    for (const [what, names] of kinds) {
        for (const { physical, keys } of collisions(names)) {
            issues.add(keys.find((k) => !k.startsWith("the ")) ?? keys[0], `${keys.join(" and ")} get the same ${what} ${show(physical)}, which must be unique; rename one.`);
        }
    }
}

/**
 * Why a stack env value cannot be plain, or undefined: names that say secret, URLs with
 * credentials, and values shaped like keys or tokens belong in Secret Manager.
 */
export function plainEnvProblem(name: string, value: string): string | undefined {
    const fix = "store it as a secret (catalog `secrets`, set with pulumi config set --secret) instead of a plain env value.";
    if (/(KEY|SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIALS?)$/i.test(name)) return `${name} names a secret; ${fix}`;
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(value)) return `the value is a URL with a password in it; ${fix}`;
    if (/^(sk-|xox[bpa]-|ghp_|AKIA|AIza|eyJ[A-Za-z0-9_-]{10,}\.)/.test(value) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return `the value looks like a key or token; ${fix}`;
    return undefined;
}

/** The env var that names the documents bucket to a service with access to it. */
export const DOCUMENTS_ENV = "DOCUMENTS_BUCKET";

const BUCKET_NAME = /^[a-z0-9](?:[-a-z0-9_.]{1,61}[a-z0-9])$/;

/** Bucket names are global: the project id keeps them unique. */
export function documentsBucketName(prefix: string, project: string): string {
    return `${prefix}${project}-documents`;
}

/** The env var that tells an app where a file-mounted secret is: jwt-secret -> JWT_SECRET_FILE. */
export function fileEnvName(secret: string): string {
    return `${secret.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_FILE`;
}


/**
 * Callees before callers, ties broken by key, so declaration order (and so the engine's plan)
 * never depends on how the catalog is written. Reports one cycle if there is one.
 */
export function topologicalOrder(edges: ReadonlyArray<[string, readonly string[]]>): { keys: string[]; cycle?: string[] } {
    const deps = new Map(edges);
    const done = new Set<string>();
    const keys: string[] = [];
    let cycle: string[] | undefined;
    const visit = (key: string, path: string[]) => {
        if (done.has(key) || cycle) return;
        if (path.includes(key)) {
            cycle = [...path.slice(path.indexOf(key)), key];
            return;
        }
        for (const dep of [...(deps.get(key) ?? [])].sort()) visit(dep, [...path, key]);
        if (!cycle && !done.has(key)) {
            done.add(key);
            keys.push(key);
        }
    };
    for (const key of [...deps.keys()].sort()) visit(key, []);
    return cycle ? { keys: [...deps.keys()].sort(), cycle } : { keys };
}
