// Runs the bootstrap program (bootstrap/) under mocks and records what it declares, apart from the
// platform's recordings (tests/helpers/mocks.ts).
//
// Mocks are process-global, and tests/helpers/mocks.ts already wraps MockMonitor's
// registerResource to record the main program's resources into runs other suites keep. While the
// bootstrap runs, record here and call the SDK's own registerResource (from a fresh load of the
// module, whose prototype nobody patched), so the main program's recordings never see these
// resources; at any other time, pass through to whatever was installed before.

import * as pulumi from "@pulumi/pulumi";
import { lookups } from "./lookups";
import type { RegisterFn } from "./mocks";

export interface BootstrapRecord {
    readonly type: string;
    readonly name: string;
    readonly protect: boolean;
    readonly parent?: string;
    dependsOn: string[];
    inputs: Record<string, unknown>;
}

type MocksModule = { MockMonitor: { prototype: { registerResource: RegisterFn } } };

const MOCKS_PATH = require.resolve("@pulumi/pulumi/runtime/mocks");
const monitor = (require(MOCKS_PATH) as MocksModule).MockMonitor.prototype;
const pristine: RegisterFn = (() => {
    const cached = require.cache[MOCKS_PATH];
    delete require.cache[MOCKS_PATH];
    try {
        return (require(MOCKS_PATH) as MocksModule).MockMonitor.prototype.registerResource;
    } finally {
        require.cache[MOCKS_PATH] = cached;
    }
})();
const previous = monitor.registerResource;
let recording: BootstrapRecord[] | undefined;
monitor.registerResource = function (req, callback) {
    if (!recording) return previous.call(this, req, callback);
    const parent = req.getParent();
    recording.push({
        type: req.getType(),
        name: req.getName(),
        protect: req.getProtect() === true,
        parent: parent ? parent.split("::").pop() : undefined,
        dependsOn: req.getDependenciesList().map((urn) => urn.split("::").pop()!),
        inputs: {},
    });
    return pristine.call(this, req, callback);
};

export interface BootstrapRun<O> {
    readonly resources: BootstrapRecord[];
    readonly outputs: O;
    ofType(type: string): BootstrapRecord[];
    named(name: string): BootstrapRecord;
}

export const MOCK_CI_PROJECT_NUMBER = "123456789012";

/** Plausible computed outputs for the types the bootstrap reads back. */
function computed(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const project = String(inputs["project"] ?? "mock-project");
    switch (type) {
        case "gcp:serviceaccount/account:Account": {
            const email = `${inputs["accountId"]}@${project}.iam.gserviceaccount.com`;
            return { email, name: `projects/${project}/serviceAccounts/${email}`, member: `serviceAccount:${email}` };
        }
        case "gcp:iam/workloadIdentityPool:WorkloadIdentityPool":
            return { name: `projects/${MOCK_CI_PROJECT_NUMBER}/locations/global/workloadIdentityPools/${inputs["workloadIdentityPoolId"]}` };
        case "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider":
            return { name: `projects/${MOCK_CI_PROJECT_NUMBER}/locations/global/workloadIdentityPools/${inputs["workloadIdentityPoolId"]}/providers/${inputs["workloadIdentityPoolProviderId"]}` };
        default:
            return {};
    }
}

const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply((v) => { resolve(v); return v; }));

/** Resolves every Output at the top level of the program's outputs. */
async function resolve<O extends object>(out: O): Promise<Record<string, unknown>> {
    const entries = await Promise.all(Object.entries(out).map(async ([k, v]) => [k, pulumi.Output.isInstance(v) ? await value(v) : v] as const));
    return Object.fromEntries(entries);
}

/** Runs one bootstrap entry (runBootstrap or runCiBootstrap) as the given bootstrap stack. */
export async function runBootstrapUnderMocks<O extends object>(stack: string, program: () => O): Promise<BootstrapRun<Record<string, unknown>>> {
    const resources: BootstrapRecord[] = [];
    await pulumi.runtime.setMocks({
        newResource: (a) => {
            const record = resources.find((r) => r.name === a.name && r.type === a.type);
            if (record) record.inputs = a.inputs;
            return { id: `${a.name}-id`, state: { ...a.inputs, ...computed(a.type, a.inputs) } };
        },
        call: (a) => { throw new Error(`the bootstrap must not call data sources (called ${a.token})`); },
    }, "mindmirror-bootstrap", stack, false);
    recording = resources;
    try {
        const out = program();
        const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
        await settings.waitForRPCs();
        return { resources, outputs: await resolve(out), ...lookups(resources) };
    } finally {
        recording = undefined;
    }
}
