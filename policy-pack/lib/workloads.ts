// Where each kind of workload keeps its containers, environment and identity. One table, so
// every policy reads Cloud Run v2 services, jobs and worker pools, Cloud Run v1 services and
// Cloud Functions v1/v2 the same way.

import { GCP } from "./types";
import { Maybe, Plain, PlainObject, UNKNOWN, Unknown, get, isObject, items, list, record, str } from "./props";

/** Human names for messages. */
export const WORKLOAD_NAMES: Readonly<Record<string, string>> = {
    [GCP.runService]: "Cloud Run service",
    [GCP.runJob]: "Cloud Run job",
    [GCP.runWorkerPool]: "Cloud Run worker pool",
    [GCP.runV1Service]: "Cloud Run service (v1 API)",
    [GCP.functionV1]: "Cloud Function (1st gen)",
    [GCP.functionV2]: "Cloud Function (2nd gen)",
};

/** Path from the props to the container list, for the kinds that have containers. */
const CONTAINER_PATHS: Readonly<Record<string, readonly string[]>> = {
    [GCP.runService]: ["template", "containers"],
    [GCP.runJob]: ["template", "template", "containers"],
    [GCP.runWorkerPool]: ["template", "containers"],
    [GCP.runV1Service]: ["template", "spec", "containers"],
};

/** Path to the runtime identity (service account e-mail). */
export const SERVICE_ACCOUNT_PATHS: Readonly<Record<string, readonly string[]>> = {
    [GCP.runService]: ["template", "serviceAccount"],
    [GCP.runJob]: ["template", "template", "serviceAccount"],
    [GCP.runWorkerPool]: ["template", "serviceAccount"],
    [GCP.runV1Service]: ["template", "spec", "serviceAccountName"],
    [GCP.functionV1]: ["serviceAccountEmail"],
    [GCP.functionV2]: ["serviceConfig", "serviceAccountEmail"],
};

function containersOf(type: string, props: PlainObject): Maybe<Plain[]> {
    const path = CONTAINER_PATHS[type];
    return path ? list(get(props, ...path)) : undefined;
}

/** `container 'api'`, or `container #2` when it has no name. */
export function containerLabel(container: Plain, index: number): string {
    const name = str(get(container, "name"));
    return typeof name === "string" && name !== "" ? `container '${name}'` : `container #${index + 1}`;
}

/** One environment variable wherever it is declared. */
export interface EnvEntry {
    /** Where it is declared, for messages: "container 'api'" or "environmentVariables". */
    readonly where: string;
    readonly name: string | Unknown;
    /** The plain value; undefined when the value comes from Secret Manager or is absent. */
    readonly value: string | Unknown | undefined;
    readonly fromSecretManager: boolean;
}

/** One container argument or command word. */
export interface ArgEntry {
    readonly where: string;
    readonly field: "args" | "commands";
    readonly position: number;
    readonly value: string | Unknown;
}

/** A value the command line names: `--password x`, `--password=x`, or `PGPASSWORD=x psql` in a shell string. */
export interface FlagEntry {
    readonly where: string;
    readonly field: "args" | "commands";
    readonly position: number;
    readonly name: string;
    readonly value: string;
}

/** Any other string the spec carries (probe headers, annotations, labels, volumes...), by path. */
export interface FieldEntry {
    readonly path: string;
    /** The key it sits under, or the `name` of a name/value pair. */
    readonly key: string | undefined;
    /** True for a name/value pair (an HTTP header): the key is a name to check, like a variable's. */
    readonly named: boolean;
    readonly value: string;
}

export interface WorkloadEnvironment {
    readonly env: EnvEntry[];
    readonly argv: ArgEntry[];
    readonly flags: FlagEntry[];
    readonly fields: FieldEntry[];
    /** Places whose whole content is unknown at preview, as phrases for a message. */
    readonly unknownPlaces: string[];
}

export function isWorkload(type: string): boolean {
    return type in WORKLOAD_NAMES;
}

export function environmentOf(type: string, props: PlainObject): WorkloadEnvironment | undefined {
    if (type in CONTAINER_PATHS) {
        return containerEnvironment(type, props);
    }
    if (type === GCP.functionV1) {
        return functionEnvironment(props, [
            ["environmentVariables", get(props, "environmentVariables")],
            ["buildEnvironmentVariables", get(props, "buildEnvironmentVariables")],
        ]);
    }
    if (type === GCP.functionV2) {
        return functionEnvironment(props, [
            ["serviceConfig.environmentVariables", get(props, "serviceConfig", "environmentVariables")],
            ["buildConfig.environmentVariables", get(props, "buildConfig", "environmentVariables")],
        ]);
    }
    return undefined;
}

function emptyEnvironment(): WorkloadEnvironment {
    return { env: [], argv: [], flags: [], fields: [], unknownPlaces: [] };
}

/** Shell words of a string: whitespace-separated, quotes stripped. */
function shellWords(text: string): string[] {
    return (text.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((word) => word.replace(/^["']|["']$/g, ""));
}

/**
 * Reads a container's argv as the flags it is: `--name value`, `--name=value`, and `NAME=value`
 * assignments. A word holding a whole shell command (`sh -c "psql --password x"`) is read word by word.
 */
export function flagsOf(where: string, field: "args" | "commands", words: ReadonlyArray<string | Unknown>): FlagEntry[] {
    const tokens: Array<{ position: number; text: string }> = [];
    words.forEach((word, position) => {
        if (typeof word !== "string") return;
        for (const text of /\s/.test(word.trim()) ? shellWords(word) : [word]) tokens.push({ position, text });
    });
    const flags: FlagEntry[] = [];
    tokens.forEach(({ position, text }, index) => {
        const inline = /^--?([A-Za-z][\w.-]*)=(.*)$/s.exec(text) ?? /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(text);
        if (inline) {
            flags.push({ where, field, position, name: inline[1], value: inline[2] });
            return;
        }
        const bare = /^--?([A-Za-z][\w.-]*)$/.exec(text);
        const next = tokens[index + 1];
        if (bare && next && !next.text.startsWith("-")) flags.push({ where, field, position: next.position, name: bare[1], value: next.text });
    });
    return flags;
}

/** Keys whose subtrees are Secret Manager references or handled elsewhere: the walk skips them. */
const NOT_WALKED = new Set([
    "envs", "args", "commands", "valueSource", "valueFrom", "volumes", "environmentVariables", "buildEnvironmentVariables",
    "secretEnvironmentVariables", "secretVolumes", "containers",
]);

/** Every other string in a subtree, with the key it sits under; name/value pairs as named entries. */
function walkStrings(node: Plain | undefined, path: string, key: string | undefined, out: FieldEntry[], depth = 0): void {
    if (node === undefined || node === null || node === UNKNOWN || depth > 32) return;
    if (typeof node === "string") {
        out.push({ path, key, named: false, value: node });
        return;
    }
    if (Array.isArray(node)) {
        node.forEach((item, index) => walkStrings(item, `${path}[${index}]`, key, out, depth + 1));
        return;
    }
    if (!isObject(node)) return;
    const pairName = str(node.name);
    const pairValue = str(node.value);
    if (typeof pairName === "string" && typeof pairValue === "string") {
        out.push({ path: `${path}.value`, key: pairName, named: true, value: pairValue });
    }
    for (const [child, value] of Object.entries(node)) {
        if (NOT_WALKED.has(child) || (pairValue !== undefined && (child === "name" || child === "value"))) continue;
        walkStrings(value, path === "" ? child : `${path}.${child}`, child, out, depth + 1);
    }
}

function containerEnvironment(type: string, props: PlainObject): WorkloadEnvironment {
    const result = emptyEnvironment();
    walkStrings(props, "", undefined, result.fields);
    const containers = containersOf(type, props);
    if (containers === UNKNOWN) {
        result.unknownPlaces.push("the container list");
        return result;
    }
    // Cloud Run v2 names the secret reference `valueSource`, v1 (Knative) names it `valueFrom`.
    const secretRefPath = type === GCP.runV1Service ? ["valueFrom", "secretKeyRef"] : ["valueSource", "secretKeyRef"];
    (containers ?? []).forEach((container, index) => {
        const where = containerLabel(container, index);
        const envs = list(get(container, "envs"));
        if (envs === UNKNOWN) result.unknownPlaces.push(`the environment of ${where}`);
        for (const entry of items(envs)) {
            const name = str(get(entry, "name"));
            const ref = get(entry, ...secretRefPath);
            result.env.push({
                where,
                name: name ?? "",
                value: str(get(entry, "value")),
                fromSecretManager: ref === UNKNOWN || isObject(ref),
            });
        }
        for (const field of ["args", "commands"] as const) {
            const words = list(get(container, field));
            if (words === UNKNOWN) result.unknownPlaces.push(`the ${field} of ${where}`);
            const values: Array<string | Unknown> = [];
            items(words).forEach((word, position) => {
                const value = str(word);
                if (value !== undefined) result.argv.push({ where, field, position, value });
                values.push(value ?? UNKNOWN);
            });
            result.flags.push(...flagsOf(where, field, values));
        }
        walkStrings(container, where, undefined, result.fields);
    });
    return result;
}

function functionEnvironment(props: PlainObject, maps: ReadonlyArray<[string, Plain | undefined]>): WorkloadEnvironment {
    const result = emptyEnvironment();
    walkStrings(props, "", undefined, result.fields);
    for (const [where, map] of maps) {
        const vars = record(map);
        if (vars === UNKNOWN) {
            result.unknownPlaces.push(where);
            continue;
        }
        // Cloud Functions keep Secret Manager references apart, in secretEnvironmentVariables, so
        // everything in these maps is a plain value stored in the function's configuration.
        for (const [name, value] of Object.entries(vars ?? {})) {
            result.env.push({ where, name, value: str(value), fromSecretManager: false });
        }
    }
    return result;
}
