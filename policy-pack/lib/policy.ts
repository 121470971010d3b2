// The one way this pack builds a policy: typed config with defaults, props read once as plain
// data, and preview skips raised after every provable violation has been reported.

import {
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
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

export interface ResourcePolicySpec<A extends object> extends PolicyBase<A> {
    /** Which type tokens the policy reads; every other resource is "not applicable". */
    readonly appliesTo: (type: string) => boolean;
    readonly check: (resource: ResourceCheck<A>) => void;
}

export function resourcePolicy<A extends object>(spec: ResourcePolicySpec<A>): ResourceValidationPolicy {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        severity: spec.severity,
        remediationSteps: spec.remediationSteps,
        configSchema: configSchema<A>(spec.schema),
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!spec.appliesTo(args.type)) {
                args.notApplicable(`${spec.name} does not read resources of type ${args.type}.`);
            }
            const skips = new PreviewSkips();
            spec.check({
                ...viewOf(args),
                config: readConfig(args, spec.defaults),
                skips,
                report: (message) => reportViolation(message),
            });
            skips.finish();
        },
    };
}

export interface StackCheck<A> {
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
    return {
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        props: plainProps(resource.props),
        providerProps: resource.provider ? plainProps(resource.provider.props) : undefined,
    };
}
