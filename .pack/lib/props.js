"use strict";
// Resource properties as plain data, with values unknown at preview made explicit.
//
// CrossGuard hands a policy its props wrapped in a proxy that throws `UnknownValueError` on the
// first read of a value the engine does not know yet (an output of a resource not created yet).
// Left alone, that one throw ends the whole validation with a generic advisory, so every other
// check on the resource is skipped. `plain()` copies the props once, turning each unknown into the
// `UNKNOWN` marker, so a policy can check everything it can and say precisely what it could not.
// It also works on unproxied objects (tests, the cost script under mocks) and recognises the
// engine's raw unknown sentinels in case a value reaches us without the proxy.
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNKNOWN_SENTINELS = exports.UNKNOWN = void 0;
exports.isUnknownValueError = isUnknownValueError;
exports.plain = plain;
exports.plainProps = plainProps;
exports.isObject = isObject;
exports.get = get;
exports.str = str;
exports.num = num;
exports.bool = bool;
exports.list = list;
exports.record = record;
exports.items = items;
/** Marks a value the engine will only know after a resource it depends on is created. */
exports.UNKNOWN = Symbol("unknown-at-preview");
/**
 * The sentinels the Pulumi engine uses for unknown values on the wire (the analyzer protocol's
 * UnknownStringValue and friends). Tests use them to build preview-time props.
 */
exports.UNKNOWN_SENTINELS = {
    boolean: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    asset: "030794c1-ac77-496b-92df-f27374a8bd58",
    archive: "e48ece36-62e2-4504-bad9-02848725956a",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
};
const SENTINEL_VALUES = new Set(Object.values(exports.UNKNOWN_SENTINELS));
/** True for the error @pulumi/policy's proxy throws when a read hits an unknown value. */
function isUnknownValueError(error) {
    return (error instanceof Error &&
        (error.constructor.name === "UnknownValueError" || /can't be known during preview/.test(error.message)));
}
const MAX_DEPTH = 64;
/** Deep-copies props into plain data, replacing every unknown value by `UNKNOWN`. */
function plain(value) {
    return toPlain(value, 0);
}
/** `plain()` for a props bag: always an object. */
function plainProps(props) {
    const copied = plain(props);
    return isObject(copied) ? copied : {};
}
function toPlain(value, depth) {
    if (value === exports.UNKNOWN) {
        return exports.UNKNOWN; // already plain: copying twice must not lose the marker
    }
    if (typeof value === "string") {
        return SENTINEL_VALUES.has(value) ? exports.UNKNOWN : value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return value;
    }
    if (value === null || value === undefined || typeof value !== "object" || depth > MAX_DEPTH) {
        return null;
    }
    if (Array.isArray(value)) {
        const items = [];
        for (let i = 0; i < value.length; i++) {
            items.push(readChild(value, i, depth));
        }
        return items;
    }
    const copy = {};
    for (const key of Object.keys(value)) {
        copy[key] = readChild(value, key, depth);
    }
    return copy;
}
function readChild(container, key, depth) {
    let child;
    try {
        child = container[key];
    }
    catch (error) {
        if (isUnknownValueError(error)) {
            return exports.UNKNOWN;
        }
        throw error;
    }
    return toPlain(child, depth + 1);
}
function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
/**
 * Reads a nested value. Returns UNKNOWN as soon as the path crosses an unknown value (the whole
 * subtree is unknown), undefined when any step is missing.
 */
function get(root, ...path) {
    let current = root;
    for (const step of path) {
        if (current === exports.UNKNOWN) {
            return exports.UNKNOWN;
        }
        if (typeof step === "number") {
            current = Array.isArray(current) ? current[step] : undefined;
        }
        else {
            current = isObject(current) ? current[step] : undefined;
        }
        if (current === undefined || current === null) {
            return undefined;
        }
    }
    return current;
}
function str(value) {
    if (value === exports.UNKNOWN)
        return exports.UNKNOWN;
    return typeof value === "string" ? value : undefined;
}
/** Numbers may arrive as strings from providers' config; both are accepted. */
function num(value) {
    if (value === exports.UNKNOWN)
        return exports.UNKNOWN;
    if (typeof value === "number" && Number.isFinite(value))
        return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
        return Number(value);
    return undefined;
}
/** Booleans may arrive as "true"/"false" strings from providers' config; both are accepted. */
function bool(value) {
    if (value === exports.UNKNOWN)
        return exports.UNKNOWN;
    if (typeof value === "boolean")
        return value;
    if (value === "true")
        return true;
    if (value === "false")
        return false;
    return undefined;
}
function list(value) {
    if (value === exports.UNKNOWN)
        return exports.UNKNOWN;
    return Array.isArray(value) ? value : undefined;
}
function record(value) {
    if (value === exports.UNKNOWN)
        return exports.UNKNOWN;
    return isObject(value) ? value : undefined;
}
/** The items of a list, or none when it is missing or unknown (check `list()` first if that matters). */
function items(value) {
    const found = list(value);
    return Array.isArray(found) ? found : [];
}
