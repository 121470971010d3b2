// The program, as a function: read the stack's config, check it against the catalog, build the
// platform, return the stack outputs. index.ts calls it; the whole-stack tests call it too.

import * as pulumi from "@pulumi/pulumi";
import { catalog } from "./catalog/catalog";
import { AnyCatalog } from "./catalog/types";
import { Platform } from "./components/platform";
import { formatIssues } from "./stack/issues";
import { buildPlan } from "./stack/plan";
import { renameAliases } from "./stack/renames";
import { secretConfigKeys } from "./stack/engine-config";
import { CONFIG_NAMESPACE, parseSettings } from "./stack/settings";

export interface StackOutputs {
    gatewayUrl: pulumi.Output<string>;
    webUrl: pulumi.Output<string>;
    serviceUrls: Record<string, pulumi.Output<string>>;
    migrationJobs: Record<string, pulumi.Output<string>>;
    databaseConnectionNames: Record<string, pulumi.Output<string>>;
    registryUrl: pulumi.Output<string>;
    /** The CI account that deploys this stack (created by the bootstrap in the CI project). */
    deployerServiceAccount: string;
    budgetTopic: pulumi.Output<string>;
    /** Per database instance, the operator's tunnel command (only with mindmirror:operatorAccess on). */
    operatorTunnels: Record<string, pulumi.Output<string>>;
}

/**
 * Validates everything before any resource is declared; on bad input throws a RunError listing
 * every problem (the engine prints it without a stack trace).
 */
export function runProgram(source: AnyCatalog = catalog): StackOutputs {
    const stack = pulumi.getStack();
    const externalSecretKeys = Object.values(source.secrets).flatMap((spec) => (spec.source === "external" ? [spec.configKey] : []));
    const parsed = parseSettings(stack, pulumi.runtime.allConfig(), { secretKeys: secretConfigKeys(), externalSecretKeys });
    if (!parsed.settings) {
        throw new pulumi.RunError(formatIssues(`Stack ${stack}: the config in Pulumi.${stack}.yaml is not valid`, parsed.issues.items));
    }
    const { plan, issues } = buildPlan(source, parsed.settings);
    if (!plan) {
        throw new pulumi.RunError(formatIssues(`Stack ${stack}: the catalog does not fit this stack`, issues));
    }

    const config = new pulumi.Config(CONFIG_NAMESPACE);
    const externalSecrets: Record<string, pulumi.Output<string> | undefined> = {};
    for (const spec of Object.values(source.secrets)) {
        if (spec.source === "external") externalSecrets[spec.configKey] = config.getSecret(spec.configKey);
    }

    const platform = new Platform("mindmirror", {
        plan,
        alerts: source.alerts,
        observability: source.observability,
        externalSecrets,
        slackAuthToken: config.getSecret("slackAuthToken"),
    }, {
        // Renamed catalog entries keep their state: old logical names become aliases.
        transformations: [renameAliases(plan.renames)].filter((t) => t !== undefined),
    });

    const byKey = <T>(map: ReadonlyMap<string, T>, pick: (v: T) => pulumi.Output<string> | undefined) =>
        Object.fromEntries([...map].flatMap(([k, v]) => { const o = pick(v); return o ? [[k, o]] : []; }));
    const url = (key: string) => platform.services.get(key)?.uri ?? pulumi.output("");
    return {
        gatewayUrl: url("gateway"),
        webUrl: url("web"),
        serviceUrls: byKey(platform.services, (s) => s.uri),
        migrationJobs: byKey(platform.services, (s) => s.migrations?.jobName),
        databaseConnectionNames: byKey(platform.databases, (d) => d.connectionName),
        registryUrl: platform.registry.url,
        deployerServiceAccount: platform.deployIdentity.deployerEmail,
        budgetTopic: platform.budget.topic.id,
        operatorTunnels: byKey(platform.operatorTunnels, (t) => t),
    };
}
