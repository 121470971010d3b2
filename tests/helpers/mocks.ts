// Runs the whole program under pulumi.runtime.setMocks and records every resource it declares,
// with inputs, parent, protect and dependsOn, so tests can assert on the real resource graph.

import * as pulumi from "@pulumi/pulumi";
import { AnyCatalog } from "../../catalog/types";
import { StackOutputs, runProgram } from "../../program";
import { lookups } from "./lookups";
import { stackConfig } from "./stack-config";

export interface Recorded {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    readonly protect: boolean;
    readonly parent?: string;
    /** Logical names of the resources this one explicitly depends on. */
    readonly dependsOn: string[];
}

export interface StackRun {
    readonly resources: Recorded[];
    readonly outputs: StackOutputs;
    /** Resources of one type. */
    ofType(type: string): Recorded[];
    /** The one resource with this logical name; throws if absent. */
    named(name: string): Recorded;
}

/** Plausible computed outputs, derived from inputs, so downstream interpolations look real. */
function computed(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const project = String(inputs["project"] ?? "mock-project");
    switch (type) {
        case "gcp:serviceaccount/account:Account": {
            const email = `${inputs["accountId"]}@${project}.iam.gserviceaccount.com`;
            return { email, name: `projects/${project}/serviceAccounts/${email}`, member: `serviceAccount:${email}` };
        }
        case "gcp:cloudrunv2/service:Service":
            return { uri: `https://${inputs["name"]}-mock-uc.a.run.app` };
        case "gcp:sql/databaseInstance:DatabaseInstance":
            return { connectionName: `${project}:${inputs["region"]}:${inputs["name"]}`, privateIpAddress: "10.99.0.3" };
        case "random:index/randomPassword:RandomPassword":
            return { result: `generated-${name}-${"x".repeat(Number(inputs["length"] ?? 16))}` };
        case "gcp:redis/instance:Instance":
            return { host: "10.99.1.4", port: 6378, authString: `redis-auth-${name}` };
        case "gcp:monitoring/notificationChannel:NotificationChannel":
            return { name: `projects/${project}/notificationChannels/${name}` };
        case "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig":
            return { uptimeCheckId: `${name}-id` };
        case "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider":
            return { name: `projects/1/locations/global/workloadIdentityPools/${inputs["workloadIdentityPoolId"]}/providers/${inputs["workloadIdentityPoolProviderId"]}` };
        case "gcp:pubsub/topic:Topic":
            return { id: `projects/${project}/topics/${inputs["name"]}` };
        default:
            return {};
    }
}

let current: Recorded[] = [];

/** What the engine's mock monitor hands registerResource (both mock harnesses record from it). */
export interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getProtect(): boolean | undefined;
    getDependenciesList(): string[];
}
export type RegisterFn = (this: unknown, req: RegisterRequest, callback: unknown) => unknown;

/** The last segment of a URN is the logical name. */
const nameOf = (urn: string) => urn.split("::").pop() ?? urn;

// The mock monitor sees the same registration request the engine would: record what mocks hide
// (parent, protect, explicit dependencies) before it answers.
const monitor = (require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: { prototype: { registerResource: RegisterFn } } }).MockMonitor.prototype;
const register = monitor.registerResource;
monitor.registerResource = function (req, callback) {
    current.push({
        type: req.getType(),
        name: req.getName(),
        inputs: {},
        protect: req.getProtect() === true,
        parent: req.getParent() ? nameOf(req.getParent()) : undefined,
        dependsOn: req.getDependenciesList().map(nameOf),
    });
    return register.call(this, req, callback);
};

function newResource(args: pulumi.runtime.MockResourceArgs) {
    const state = { ...args.inputs, ...computed(args.type, args.name, args.inputs) };
    const record = current.find((r) => r.name === args.name && r.type === args.type);
    if (record) Object.assign(record.inputs, args.inputs);
    return { id: typeof state["id"] === "string" ? state["id"] : `${args.name}-id`, state };
}

function call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    throw new Error(`The program must not call data sources (it called ${args.token}); they need a cloud account.`);
}

/**
 * Runs the program for one stack with its real Pulumi.<stack>.yaml (plus overrides) and waits for
 * every registration to finish.
 */
export async function runStack(
    stack: string,
    options: {
        config?: Record<string, string | undefined>;
        /** Config values the stack holds encrypted (`pulumi config set --secret`). */
        secrets?: Record<string, string>;
        catalog?: AnyCatalog;
        preview?: boolean;
    } = {},
): Promise<StackRun> {
    await pulumi.runtime.setMocks({ newResource, call }, "mindmirror", stack, options.preview ?? false);
    const config: Record<string, string> = stackConfig(stack);
    for (const [k, v] of Object.entries(options.config ?? {})) {
        if (v === undefined) delete config[k];
        else config[k] = v;
    }
    Object.assign(config, options.secrets ?? {});
    pulumi.runtime.setAllConfig(config, Object.keys(options.secrets ?? {}));

    current = [];
    const resources = current;
    const outputs = runProgram(options.catalog);
    await waitForRegistrations();
    return { resources, outputs, ...lookups(resources) };
}

/** How a secret input reaches the engine: wrapped with Pulumi's secret signature. */
export function secretInput(value: string): Record<string, string> {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** Resolves an Output's value in a test (under mocks every value is known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => { resolve(v); return v; }));
}

async function waitForRegistrations(): Promise<void> {
    // The SDK's own drain: the same wait a real program does before it exits.
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
    await settings.waitForRPCs();
}
