// Runs a policy the way the CrossGuard policy server does (@pulumi/policy 1.21 server.js), without
// a server: props wrapped in the real unknown-checking proxy, config without enforcementLevel,
// notApplicable() and UnknownValueError caught and recorded like the server records them.

import {
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import * as policyRuntime from "@pulumi/policy";
import { isUnknownValueError } from "../../lib/props";
import { validatesType } from "../../lib/policy";

/** The runtime exports @pulumi/policy's .d.ts leaves out. */
const runtime = policyRuntime as unknown as { unknownCheckingProxy<T extends object>(target: T): T };

export interface Fixture {
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
    readonly urn?: string;
    readonly providerProps?: Record<string, unknown>;
}

export interface Violation {
    readonly message: string;
    readonly urn?: string;
}

export interface Outcome {
    readonly violations: Violation[];
    /** Just the messages, for terse assertions. */
    readonly messages: string[];
    /** "Can't run during preview" diagnostics, reported by the server at advisory level. */
    readonly advisories: string[];
    /** Set when the policy declared itself not applicable. */
    readonly notApplicable?: string;
}

class NotApplicableSignal extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "not applicable");
    }
}

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::mindmirror::${type}::${name}`;
}

const OPTIONS: PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

/** Props as the engine sends them: JSON data behind the proxy that throws on unknowns. */
function proxied(props: Record<string, unknown>): Record<string, unknown> {
    return runtime.unknownCheckingProxy(structuredClone(props));
}

function isTypeToken(type: string): (resourceClass: { new (...rest: never[]): unknown }) => boolean {
    return (resourceClass) => (resourceClass as unknown as { __pulumiType?: string }).__pulumiType === type;
}

function notApplicable(reason?: string): never {
    throw new NotApplicableSignal(reason);
}

interface Recorder {
    readonly violations: Violation[];
    readonly advisories: string[];
    notApplicable?: string;
    readonly report: ReportViolation;
}

/** Messages are whole sentences: a capital (or a quoted name) first, a full stop last. */
export function assertWholeSentences(message: string): void {
    if (!/^['A-Z]/.test(message) || !/\.$/.test(message)) {
        throw new Error(`Policy message is not a whole sentence: ${message}`);
    }
}

function recorder(): Recorder {
    const violations: Violation[] = [];
    return {
        violations,
        advisories: [],
        report: (message, urn) => {
            assertWholeSentences(message);
            violations.push({ message, urn });
        },
    };
}

async function capture(policyName: string, record: Recorder, run: () => Promise<void> | void): Promise<void> {
    try {
        await run();
    } catch (error) {
        if (error instanceof NotApplicableSignal) {
            record.notApplicable = error.reason ?? "";
        } else if (isUnknownValueError(error)) {
            record.advisories.push(`can't run policy '${policyName}' during preview: ${(error as Error).message}`);
        } else {
            throw error;
        }
    }
}

function outcome(record: Recorder): Outcome {
    return {
        violations: record.violations,
        messages: record.violations.map((violation) => violation.message),
        advisories: record.advisories,
        notApplicable: record.notApplicable,
    };
}

export async function runResourcePolicy(policy: ResourceValidationPolicy, fixture: Fixture, config: object = {}): Promise<Outcome> {
    const record = recorder();
    // What the server learns without calling the policy: it validates other types only.
    if (!validatesType(policy, fixture.type)) {
        record.notApplicable = `${policy.name} does not validate ${fixture.type}`;
        return outcome(record);
    }
    const given = policy.validateResource;
    const validations = given === undefined ? [] : Array.isArray(given) ? given : [given];
    for (const validate of validations) {
        const props = proxied(fixture.props);
        const args: ResourceValidationArgs = {
            type: fixture.type,
            props,
            urn: fixture.urn ?? urnOf(fixture.type, fixture.name),
            name: fixture.name,
            opts: OPTIONS,
            stackTags: new Map(),
            isType: isTypeToken(fixture.type),
            asType: () => undefined,
            getConfig: <T extends object>() => structuredClone(config) as T,
            notApplicable,
        };
        if (fixture.providerProps) {
            args.provider = { type: "pulumi:providers:gcp", name: "default", urn: "urn:provider", props: proxied(fixture.providerProps) };
        }
        await capture(policy.name, record, () => validate(args, record.report));
    }
    return outcome(record);
}

export async function runStackPolicy(policy: StackValidationPolicy, fixtures: readonly Fixture[], config: object = {}): Promise<Outcome> {
    const record = recorder();
    const resources: PolicyResource[] = fixtures.map((fixture) => ({
        type: fixture.type,
        name: fixture.name,
        urn: fixture.urn ?? urnOf(fixture.type, fixture.name),
        props: proxied(fixture.props),
        opts: OPTIONS,
        dependencies: [],
        propertyDependencies: {},
        isType: isTypeToken(fixture.type),
        asType: () => undefined,
    }));
    const args: StackValidationArgs = {
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => structuredClone(config) as T,
        notApplicable,
    };
    await capture(policy.name, record, () => policy.validateStack(args, record.report));
    return outcome(record);
}

// ---- Changing one property of a fixture -------------------------------------------------------

type Step = string | number;

function parsePath(path: string): Step[] {
    return path.split(".").map((step) => (/^\d+$/.test(step) ? Number(step) : step));
}

/**
 * A copy of the fixture with one property set (dotted path, numeric steps index lists); `undefined`
 * deletes it. Intermediate objects are created as needed.
 */
export function withProp(fixture: Fixture, path: string, value: unknown): Fixture {
    const props = structuredClone(fixture.props);
    const steps = parsePath(path);
    let node: Record<Step, unknown> = props;
    for (const step of steps.slice(0, -1)) {
        if (typeof node[step] !== "object" || node[step] === null) node[step] = {};
        node = node[step] as Record<Step, unknown>;
    }
    const last = steps[steps.length - 1];
    if (value === undefined) {
        if (Array.isArray(node) && typeof last === "number") node.splice(last, 1);
        else delete node[last];
    } else {
        node[last] = value;
    }
    return { ...fixture, props };
}

/** Applies several withProp changes in order. */
export function withProps(fixture: Fixture, changes: Record<string, unknown>): Fixture {
    return Object.entries(changes).reduce((current, [path, value]) => withProp(current, path, value), fixture);
}

export function named(fixture: Fixture, name: string): Fixture {
    return { ...fixture, name, urn: undefined };
}
