// Typed policy configuration: defaults in code, a JSON schema for the engine, one merge.
//
// The engine validates `--policy-pack-config` against each policy's `configSchema` and strips
// `enforcementLevel`; `getConfig()` returns what is left. We merge it over the defaults here, so a
// policy works the same with no config file at all (tests, `pulumi preview` without the flag).

import { PolicyConfigSchema } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

export interface ConfigSource {
    getConfig<T extends object>(): T;
}

/** The defaults, overridden by every key the config sets (undefined keys keep the default). */
export function readConfig<A extends object>(source: ConfigSource, defaults: A): A {
    const given: Partial<A> = source.getConfig<Partial<A>>() ?? {};
    const merged: A = { ...defaults };
    for (const key of Object.keys(given) as Array<keyof A>) {
        const value = given[key];
        if (value !== undefined) {
            merged[key] = value as A[keyof A];
        }
    }
    return merged;
}

/** Schema properties keyed exactly like the args interface, so the two cannot drift apart. */
export type SchemaFor<A> = { [K in keyof A]-?: PolicyConfigJSONSchema };

export function configSchema<A>(properties: SchemaFor<A>): PolicyConfigSchema {
    return { properties };
}

export const schema = {
    strings(description: string, defaults: readonly string[]): PolicyConfigJSONSchema {
        return { type: "array", items: { type: "string" }, description, default: [...defaults] };
    },
    boolean(description: string, defaults: boolean): PolicyConfigJSONSchema {
        return { type: "boolean", description, default: defaults };
    },
    number(description: string, defaults: number, minimum = 0): PolicyConfigJSONSchema {
        return { type: "number", description, default: defaults, minimum };
    },
    integer(description: string, defaults: number, minimum = 0): PolicyConfigJSONSchema {
        return { type: "integer", description, default: defaults, minimum };
    },
    object(description: string, defaults: object): PolicyConfigJSONSchema {
        return { type: "object", description, default: defaults };
    },
};
