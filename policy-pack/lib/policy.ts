// The one way this pack builds a policy: typed config with defaults, the resource types it
// validates declared up front, props read once as plain data, and preview skips raised after every
// provable violation has been reported.
//
// Dispatch costs nothing for the resources a policy does not read. A policy that validates one
// type gets @pulumi/policy's own typed validation (validateResourceOfType), which the policy server
// filters on before it even deserializes the props; a policy over several types gets a dispatch
// function that returns at once for any other type. Neither throws `notApplicable`, which cost an
// exception per resource per policy (the engine calls Analyze ~18,000 times for a 1000-service stack).

import {
    EnforcementLevel,
    ResourceValidation,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
    validateResourceOfType,
} from "@pulumi/policy";
import { SchemaFor, configSchema, readConfig } from "./config";
import { PreviewSkips } from "./preview";
import { PlainObject, plainProps } from "./props";

interface PolicyBase<A extends object> {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly remediationSteps: string;
    readonly defaults: A;
    readonly schema: SchemaFor<A>;
}

/** A resource as every check sees it. */
export interface ResourceView {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: PlainObject;
    /** The provider's own props (defaultLabels lives there), when the engine sends them. */
    readonly providerProps?: PlainObject;
}

export interface ResourceCheck<A> extends ResourceView {
    readonly config: A;
    readonly skips: PreviewSkips;
    report(message: string): void;
}

/**
 * The type tokens a policy validates: a list (a dispatch table), or a test over tokens for open
 * families such as every `*IamMember` of the provider (answered once per token, then remembered).
 */
export type TypeSelector = readonly string[] | ((type: string) => boolean);

export interface ResourcePolicySpec<A extends object> extends PolicyBase<A> {
    readonly types: TypeSelector;
    readonly check: (resource: ResourceCheck<A>) => void;
}

/** Whether a selector takes a type token; memoised for predicate selectors. */
export function typeTest(selector: TypeSelector): (type: string) => boolean {
    if (typeof selector !== "function") {
        const set = new Set(selector);
        return (type) => set.has(type);
    }
    const seen = new Map<string, boolean>();
    return (type) => {
        let answer = seen.get(type);
        if (answer === undefined) {
            answer = selector(type);
            seen.set(type, answer);
        }
        return answer;
    };
}

/** The test a built policy validates types with, for tests and tools (the policy server ignores it). */
const VALIDATES = Symbol("validates");
export function validatesType(policy: ResourceValidationPolicy, type: string): boolean {
    const validation = policy.validateResource as unknown as { [VALIDATES]?: (type: string) => boolean } | undefined;
    return validation?.[VALIDATES]?.(type) ?? true;
}

/** A stand-in resource class carrying only a type token, for validateResourceOfType's fast path. */
function typeToken(type: string): Parameters<typeof validateResourceOfType>[0] {
    return { __pulumiType: type, isInstance: () => false } as unknown as Parameters<typeof validateResourceOfType>[0];
}

export function resourcePolicy<A extends object>(spec: ResourcePolicySpec<A>): ResourceValidationPolicy {
    const validates = typeTest(spec.types);
    const run = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        const skips = new PreviewSkips();
        // Assigned onto the view, not spread: spreading would copy the provider's props for every policy.
        spec.check(
            Object.assign(viewOf(args), {
                config: readConfig(args, spec.defaults),
                skips,
                report: (message: string) => reportViolation(message),
            }),
        );
        skips.finish();
    };
    let validation: ResourceValidation;
    if (typeof spec.types !== "function" && spec.types.length === 1) {
        validation = validateResourceOfType(typeToken(spec.types[0]), (_props, args, reportViolation) => run(args, reportViolation));
    } else {
        validation = (args, reportViolation) => {
            if (validates(args.type)) run(args, reportViolation);
        };
    }
    Object.defineProperty(validation, VALIDATES, { value: validates });
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        severity: spec.severity,
        remediationSteps: spec.remediationSteps,
        configSchema: configSchema<A>(spec.schema),
        validateResource: validation,
    };
}

export interface StackCheck<A> {
    /** Every resource of the stack; props are copied on first read, so untouched ones cost nothing. */
    readonly resources: ResourceView[];
    readonly config: A;
    readonly skips: PreviewSkips;
    /** Reports against one resource (its URN) or, without a URN, against the stack. */
    report(message: string, urn?: string): void;
}

export interface StackPolicySpec<A extends object> extends PolicyBase<A> {
    readonly check: (stack: StackCheck<A>) => void;
}

export function stackPolicy<A extends object>(spec: StackPolicySpec<A>): StackValidationPolicy {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        severity: spec.severity,
        remediationSteps: spec.remediationSteps,
        configSchema: configSchema<A>(spec.schema),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const skips = new PreviewSkips();
            spec.check({
                resources: args.resources.map(viewOf),
                config: readConfig(args, spec.defaults),
                skips,
                report: (message, urn) => reportViolation(message, urn),
            });
            skips.finish();
        },
    };
}

interface RawResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: Record<string, unknown>;
    readonly provider?: { readonly props: Record<string, unknown> };
}

function viewOf(resource: RawResource): ResourceView {
    let props: PlainObject | undefined;
    let providerProps: PlainObject | undefined;
    return {
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        get props(): PlainObject {
            return (props ??= plainProps(resource.props));
        },
        get providerProps(): PlainObject | undefined {
            if (!resource.provider) return undefined;
            return (providerProps ??= plainProps(resource.provider.props));
        },
    };
}
