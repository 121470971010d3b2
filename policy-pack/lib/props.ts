// Resource properties as plain data, with values unknown at preview made explicit.
//
// CrossGuard hands a policy its props wrapped in a proxy that throws `UnknownValueError` on the
// first read of a value the engine does not know yet (an output of a resource not created yet).
// Left alone, that one throw ends the whole validation with a generic advisory, so every other
// check on the resource is skipped. `plain()` copies the props once, turning each unknown into the
// `UNKNOWN` marker, so a policy can check everything it can and say precisely what it could not.
// It also works on unproxied objects (tests, the cost script under mocks) and recognises the
// engine's raw unknown sentinels in case a value reaches us without the proxy.

/** Marks a value the engine will only know after a resource it depends on is created. */
export const UNKNOWN: unique symbol = Symbol("unknown-at-preview");
export type Unknown = typeof UNKNOWN;

export type Plain = string | number | boolean | null | Unknown | Plain[] | PlainObject;
export interface PlainObject {
    [key: string]: Plain;
}

/** A read that may be missing (undefined) or not known yet (UNKNOWN). */
export type Maybe<T> = T | undefined | Unknown;

/**
 * The sentinels the Pulumi engine uses for unknown values on the wire (the analyzer protocol's
 * UnknownStringValue and friends). Tests use them to build preview-time props.
 */
export const UNKNOWN_SENTINELS = {
    boolean: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    asset: "030794c1-ac77-496b-92df-f27374a8bd58",
    archive: "e48ece36-62e2-4504-bad9-02848725956a",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
} as const;

const SENTINEL_VALUES: ReadonlySet<string> = new Set(Object.values(UNKNOWN_SENTINELS));

/** True for the error @pulumi/policy's proxy throws when a read hits an unknown value. */
export function isUnknownValueError(error: unknown): boolean {
    return (
        error instanceof Error &&
        (error.constructor.name === "UnknownValueError" || /can't be known during preview/.test(error.message))
    );
}

const MAX_DEPTH = 64;

/** Deep-copies props into plain data, replacing every unknown value by `UNKNOWN`. */
export function plain(value: unknown): Plain {
    return toPlain(value, 0);
}

/**
 * The key @pulumi/policy's proxy answers with the object it wraps (proxy.ts getSpecialProxyTarget).
 * Reading through the target costs no proxy trap per property and throws nothing: its unknowns are
 * the engine's sentinel strings, which the copy turns into UNKNOWN like the proxy's errors.
 */
const PROXY_TARGET: string =
    (require("@pulumi/policy/proxy") as { getSpecialProxyTarget?: string }).getSpecialProxyTarget ?? "__getSpecialProxyTarget";

function unproxied(value: unknown): unknown {
    if (typeof value !== "object" || value === null) return value;
    try {
        const target = (value as Record<string, unknown>)[PROXY_TARGET];
        return typeof target === "object" && target !== null ? target : value;
    } catch {
        return value;
    }
}

/** Copies already made, by the deserialized props they were made from (shared by every policy of a request). */
const COPIES = new WeakMap<object, PlainObject>();

/**
 * `plain()` for a props bag: always an object. Read from the unproxied data when it can, and made
 * once per deserialized props: policies only read the copy, never write it.
 */
export function plainProps(props: unknown): PlainObject {
    const source = unproxied(props);
    const cached = typeof source === "object" && source !== null ? COPIES.get(source) : undefined;
    if (cached) return cached;
    const copied = plain(source);
    const result = isObject(copied) ? copied : {};
    if (typeof source === "object" && source !== null) COPIES.set(source, result);
    return result;
}

function toPlain(value: unknown, depth: number): Plain {
    if (value === UNKNOWN) {
        return UNKNOWN; // already plain: copying twice must not lose the marker
    }
    if (typeof value === "string") {
        return SENTINEL_VALUES.has(value) ? UNKNOWN : value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return value;
    }
    if (value === null || value === undefined || typeof value !== "object" || depth > MAX_DEPTH) {
        return null;
    }
    if (Array.isArray(value)) {
        const items: Plain[] = [];
        for (let i = 0; i < value.length; i++) {
            items.push(readChild(value, i, depth));
        }
        return items;
    }
    const copy: PlainObject = {};
    for (const key of Object.keys(value)) {
        copy[key] = readChild(value, key, depth);
    }
    return copy;
}

function readChild(container: object, key: string | number, depth: number): Plain {
    let child: unknown;
    try {
        child = (container as Record<string | number, unknown>)[key];
    } catch (error) {
        if (isUnknownValueError(error)) {
            return UNKNOWN;
        }
        throw error;
    }
    return toPlain(child, depth + 1);
}

export function isObject(value: Plain | undefined): value is PlainObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a nested value. Returns UNKNOWN as soon as the path crosses an unknown value (the whole
 * subtree is unknown), undefined when any step is missing.
 */
export function get(root: Plain | undefined, ...path: ReadonlyArray<string | number>): Plain | undefined {
    let current: Plain | undefined = root;
    for (const step of path) {
        if (current === UNKNOWN) {
            return UNKNOWN;
        }
        if (typeof step === "number") {
            current = Array.isArray(current) ? current[step] : undefined;
        } else {
            current = isObject(current) ? current[step] : undefined;
        }
        if (current === undefined || current === null) {
            return undefined;
        }
    }
    return current;
}

export function str(value: Plain | undefined): Maybe<string> {
    if (value === UNKNOWN) return UNKNOWN;
    return typeof value === "string" ? value : undefined;
}

/** Numbers may arrive as strings from providers' config; both are accepted. */
export function num(value: Plain | undefined): Maybe<number> {
    if (value === UNKNOWN) return UNKNOWN;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** Booleans may arrive as "true"/"false" strings from providers' config; both are accepted. */
export function bool(value: Plain | undefined): Maybe<boolean> {
    if (value === UNKNOWN) return UNKNOWN;
    if (typeof value === "boolean") return value;
    if (value === "true") return true;
    if (value === "false") return false;
    return undefined;
}

export function list(value: Plain | undefined): Maybe<Plain[]> {
    if (value === UNKNOWN) return UNKNOWN;
    return Array.isArray(value) ? value : undefined;
}

export function record(value: Plain | undefined): Maybe<PlainObject> {
    if (value === UNKNOWN) return UNKNOWN;
    return isObject(value) ? value : undefined;
}

/** The items of a list, or none when it is missing or unknown (check `list()` first if that matters). */
export function items(value: Plain | undefined): Plain[] {
    const found = list(value);
    return Array.isArray(found) ? found : [];
}
