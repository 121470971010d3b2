// One deserialization of a resource's props per Analyze request, however many policies read it.
//
// @pulumi/policy's server deserializes the request's protobuf props afresh for every policy it
// calls (server.ts makeAnalyzeRpcFun: `deserializeProperties(req.getProperties(), false)` inside
// the policy loop), before the policy can say the type is not its own. With 17 policies, most over
// several types, that was most of the pack's cost on a large stack: protobuf-to-JavaScript
// conversion and the garbage it leaves, once per policy per resource. The request's Struct is the
// same object for every policy of one request, so the first result is kept for it (a WeakMap: it
// goes with the request). Policies get the same plain data as before, behind a fresh proxy each;
// none of this pack's policies writes to its props. Remediation (proxySecrets = true) is untouched.

interface DeserializeModule {
    deserializeProperties(struct: unknown, proxySecrets: boolean): unknown;
}

const INSTALLED = Symbol.for("mindmirror.policy.deserializeOnce");

export function installDeserializeOnce(): boolean {
    let module: DeserializeModule & { [INSTALLED]?: boolean };
    try {
        module = require("@pulumi/policy/deserialize") as DeserializeModule & { [INSTALLED]?: boolean };
    } catch {
        return false;
    }
    if (module[INSTALLED]) return true;
    const original = module.deserializeProperties;
    if (typeof original !== "function") return false;
    const cache = new WeakMap<object, unknown>();
    module.deserializeProperties = (struct: unknown, proxySecrets: boolean): unknown => {
        if (proxySecrets || typeof struct !== "object" || struct === null) return original(struct, proxySecrets);
        if (cache.has(struct)) return cache.get(struct);
        const value = original(struct, proxySecrets);
        cache.set(struct, value);
        return value;
    };
    module[INSTALLED] = true;
    return true;
}
