// How a workload's secrets reach its container, shared by the service and its migration job so the
// two can never drift: files under /secrets/<secret>/, or env vars filled from Secret Manager.

import * as pulumi from "@pulumi/pulumi";
import { PlannedSecretRead, fileEnvName } from "../stack/plan";
import { Secret } from "./secret";

export interface EnvVar {
    name: string;
    value?: pulumi.Input<string>;
    valueSource?: { secretKeyRef: { secret: pulumi.Input<string>; version: string } };
}

export interface SecretVolume {
    name: string;
    secret: { secret: pulumi.Input<string>; items: { path: string; version: string }[] };
}

export interface VolumeMount {
    name: string;
    mountPath: string;
}

export interface SecretWiring {
    envs: EnvVar[];
    volumes: SecretVolume[];
    volumeMounts: VolumeMount[];
}

/** Directory where a file-mounted secret appears. */
export function secretMountPath(secret: string): string {
    return `/secrets/${secret}`;
}

/**
 * Wires each secret read: a file mount plus a `<NAME>_FILE` env var pointing at it, or a
 * `secretKeyRef` env var. Versions are `latest`, so a rotation is a new version, not a deploy
 * (files see it at once; env vars at the next instance start).
 */
export function wireSecrets(reads: readonly PlannedSecretRead[], secrets: ReadonlyMap<string, Secret>): SecretWiring {
    const wiring: SecretWiring = { envs: [], volumes: [], volumeMounts: [] };
    for (const read of reads) {
        const secret = secrets.get(read.secret);
        if (!secret) throw new Error(`No secret ${read.secret} was declared before a workload read it.`);
        if (read.mount.as === "env") {
            wiring.envs.push({ name: read.mount.env, valueSource: { secretKeyRef: { secret: secret.secretId, version: "latest" } } });
            continue;
        }
        const file = read.mount.file ?? "value";
        const volume = `secret-${read.secret}`;
        wiring.volumes.push({ name: volume, secret: { secret: secret.secretId, items: [{ path: file, version: "latest" }] } });
        wiring.volumeMounts.push({ name: volume, mountPath: secretMountPath(read.secret) });
        const envName = read.secret.endsWith("-database-url") ? "DATABASE_URL_FILE" : fileEnvName(read.secret);
        wiring.envs.push({ name: envName, value: `${secretMountPath(read.secret)}/${file}` });
    }
    return wiring;
}

/** Plain env vars, sorted by name so a reordered map never shows as a diff. */
export function plainEnv(vars: Readonly<Record<string, pulumi.Input<string>>>): EnvVar[] {
    return Object.keys(vars).sort().map((name) => ({ name, value: vars[name] }));
}
