"use strict";
// The one way this pack builds a policy: typed config with defaults, props read once as plain
// data, and preview skips raised after every provable violation has been reported.
Object.defineProperty(exports, "__esModule", { value: true });
exports.resourcePolicy = resourcePolicy;
exports.stackPolicy = stackPolicy;
const config_1 = require("./config");
const preview_1 = require("./preview");
const props_1 = require("./props");
function resourcePolicy(spec) {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        severity: spec.severity,
        remediationSteps: spec.remediationSteps,
        configSchema: (0, config_1.configSchema)(spec.schema),
        validateResource: (args, reportViolation) => {
            if (!spec.appliesTo(args.type)) {
                args.notApplicable(`${spec.name} does not read resources of type ${args.type}.`);
            }
            const skips = new preview_1.PreviewSkips();
            spec.check({
                ...viewOf(args),
                config: (0, config_1.readConfig)(args, spec.defaults),
                skips,
                report: (message) => reportViolation(message),
            });
            skips.finish();
        },
    };
}
function stackPolicy(spec) {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        severity: spec.severity,
        remediationSteps: spec.remediationSteps,
        configSchema: (0, config_1.configSchema)(spec.schema),
        validateStack: (args, reportViolation) => {
            const skips = new preview_1.PreviewSkips();
            spec.check({
                resources: args.resources.map(viewOf),
                config: (0, config_1.readConfig)(args, spec.defaults),
                skips,
                report: (message, urn) => reportViolation(message, urn),
            });
            skips.finish();
        },
    };
}
function viewOf(resource) {
    return {
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        props: (0, props_1.plainProps)(resource.props),
        providerProps: resource.provider ? (0, props_1.plainProps)(resource.provider.props) : undefined,
    };
}
