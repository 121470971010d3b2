"use strict";
// Typed policy configuration: defaults in code, a JSON schema for the engine, one merge.
//
// The engine validates `--policy-pack-config` against each policy's `configSchema` and strips
// `enforcementLevel`; `getConfig()` returns what is left. We merge it over the defaults here, so a
// policy works the same with no config file at all (tests, `pulumi preview` without the flag).
Object.defineProperty(exports, "__esModule", { value: true });
exports.schema = void 0;
exports.readConfig = readConfig;
exports.configSchema = configSchema;
/** The defaults, overridden by every key the config sets (undefined keys keep the default). */
function readConfig(source, defaults) {
    const given = source.getConfig() ?? {};
    const merged = { ...defaults };
    for (const key of Object.keys(given)) {
        const value = given[key];
        if (value !== undefined) {
            merged[key] = value;
        }
    }
    return merged;
}
function configSchema(properties) {
    return { properties };
}
exports.schema = {
    strings(description, defaults) {
        return { type: "array", items: { type: "string" }, description, default: [...defaults] };
    },
    boolean(description, defaults) {
        return { type: "boolean", description, default: defaults };
    },
    number(description, defaults, minimum = 0) {
        return { type: "number", description, default: defaults, minimum };
    },
    integer(description, defaults, minimum = 0) {
        return { type: "integer", description, default: defaults, minimum };
    },
    object(description, defaults) {
        return { type: "object", description, default: defaults };
    },
};
