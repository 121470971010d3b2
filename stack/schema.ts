// A small declared schema for stack config: each field says its type, its default and the message a
// user sees when the value is wrong. Objects reject keys they do not declare (naming the closest
// known key), prototype keys are refused everywhere, and every problem goes into one IssueList, so
// the user sees all of them at once. Other lanes add keys to stack/settings.ts with these helpers.

import { IssueList, show } from "./issues";

/** Keys that would reach an object's prototype if code ever assigned them; never a setting. */
export const PROTOTYPE_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

/** What a field reads into, or INVALID after reporting an issue. */
export const INVALID: unique symbol = Symbol("invalid");
export type Read<T> = T | typeof INVALID;

export interface Schema<T> {
    /** How the value is written, for coercing top-level config strings and for messages. */
    readonly kind: "string" | "number" | "boolean" | "enum" | "object" | "record" | "list";
    /** What a valid value is, as the end of a sentence ("a whole number from 1 to 7"). */
    readonly expects: string;
    /** Used when the key is absent. A schema without one is required. */
    readonly fallback?: { readonly value: T };
    /** A key that was removed: never suggested or listed as known. */
    readonly removed?: true;
    /** Said when the key is absent and required, instead of "set it to <expects>". */
    readonly missing?: string;
    /** Absent is fine and reads as undefined. */
    readonly optional?: boolean;
    /** The value must be set with `pulumi config set --secret` (never plain in the stack file). */
    readonly secret?: boolean;
    /** Reads a present value at `path`, reporting into `issues`. */
    read(value: unknown, path: string, issues: IssueList): Read<T>;
}

/** The type a schema reads into. */
export type Infer<S> = S extends Schema<infer T> ? T : never;
export type Fields = Readonly<Record<string, Schema<unknown>>>;
type OptionalKeys<F> = { [K in keyof F]: F[K] extends { readonly optional: true } ? K : never }[keyof F];
/** The object a set of fields reads into: optional fields are optional keys. */
export type InferFields<F extends Fields> =
    { readonly [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } &
    { readonly [K in OptionalKeys<F>]?: Exclude<Infer<F[K]>, undefined> };

interface Common<T> {
    /** Used when the key is absent; without it the key is required. */
    readonly default?: T;
    /** Overrides the generated description of a valid value. */
    readonly message?: string;
}

function withDefault<T>(schema: Omit<Schema<T>, "fallback">, opts: Common<T> | undefined): Schema<T> {
    return opts && "default" in opts && opts.default !== undefined ? { ...schema, fallback: { value: opts.default } } : schema;
}

/** A string matching `pattern`; `what` describes it ("a GCP region such as us-central1"). */
export function string(what: string, pattern?: RegExp, opts?: Common<string>): Schema<string> {
    return withDefault({
        kind: "string",
        expects: opts?.message ?? what,
        read(v, path, issues) {
            if (typeof v !== "string" || (pattern && !pattern.test(v))) {
                issues.add(path, `${show(v)} is not ${opts?.message ?? what}.`);
                return INVALID;
            }
            return v;
        },
    }, opts);
}

/** A whole number in [min, max]. */
export function int(min: number, max: number, opts?: Common<number>): Schema<number> {
    const what = opts?.message ?? `a whole number from ${min} to ${max}`;
    return withDefault({
        kind: "number",
        expects: what,
        read(v, path, issues) {
            if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
                issues.add(path, `${show(v)} is not ${what}.`);
                return INVALID;
            }
            return v;
        },
    }, opts);
}

export function boolean(opts?: Common<boolean>): Schema<boolean> {
    return withDefault({
        kind: "boolean",
        expects: opts?.message ?? "true or false",
        read(v, path, issues) {
            if (typeof v !== "boolean") {
                issues.add(path, `${show(v)} is not a boolean (true or false).`);
                return INVALID;
            }
            return v;
        },
    }, opts);
}

/** One of a fixed list of strings. */
export function oneOf<const T extends string>(values: readonly T[], opts?: Common<NoInfer<T>>): Schema<T> {
    return withDefault({
        kind: "enum",
        expects: opts?.message ?? `one of ${values.join(", ")}`,
        read(v, path, issues) {
            if (typeof v === "string" && (values as readonly string[]).includes(v)) return v as T;
            const near = typeof v === "string" ? closest(v, values) : undefined;
            if (opts?.message) issues.add(path, `${show(v)} is not ${opts.message}.`);
            else issues.add(path, `${show(v)} is not allowed; ${near ? `did you mean ${show(near)}? ` : ""}use one of ${values.join(", ")}.`);
            return INVALID;
        },
    }, opts);
}

/** A list of items; `min`/`max` bound its length. */
export function list<T>(item: Schema<T>, opts?: Common<readonly T[]> & { readonly min?: number; readonly max?: number }): Schema<readonly T[]> {
    const min = opts?.min ?? 0;
    const max = opts?.max ?? Infinity;
    const what = opts?.message ?? `a list of ${item.expects}`;
    return withDefault({
        kind: "list",
        expects: what,
        read(v, path, issues) {
            if (!Array.isArray(v)) {
                issues.add(path, `${show(v)} is not a list; it must be ${what}.`);
                return INVALID;
            }
            if (v.length < min) {
                issues.add(path, min === 1 ? `needs at least one entry: ${what}.` : `needs at least ${min} entries: ${what}.`);
                return INVALID;
            }
            if (v.length > max) {
                issues.add(path, `has ${v.length} entries; at most ${max} are allowed.`);
                return INVALID;
            }
            const out: T[] = [];
            let ok = true;
            v.forEach((e, i) => {
                const r = item.read(e, `${path}[${i}]`, issues);
                if (r === INVALID) ok = false;
                else out.push(r);
            });
            return ok ? out : INVALID;
        },
    }, opts);
}

/** Makes a field optional: absent reads as undefined. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined> & { readonly optional: true } {
    const { fallback: _unused, ...rest } = schema;
    void _unused;
    return { ...(rest as Schema<T | undefined>), optional: true };
}

/** A key that no longer exists: any value is an error saying where its meaning went. */
export function removed(where: string): Schema<undefined> & { readonly optional: true; readonly removed: true } {
    return {
        kind: "string",
        expects: "nothing (the key was removed)",
        optional: true,
        removed: true,
        read(_v, path, issues) {
            issues.add(path, `is no longer a setting; ${where}`);
            return INVALID;
        },
    };
}

/** Marks a field as secret: it must be set with `pulumi config set --secret`. */
export function secret<T>(schema: Schema<T>): Schema<T> {
    return { ...schema, secret: true };
}

/** Refuses a prototype key; true when the key is one. */
function refusePrototypeKey(key: string, path: string, issues: IssueList): boolean {
    if (!PROTOTYPE_KEYS.includes(key)) return false;
    issues.add(path, `${show(key)} cannot be a key: it names JavaScript's object prototype, not a setting.`);
    return true;
}

/**
 * An object with exactly these fields. An absent field takes its default, or is reported missing;
 * an undeclared key is reported with the closest declared one.
 */
export function object<F extends Fields>(fields: F, opts?: Common<InferFields<F>> & {
    /** Said once when the whole object is absent and has required fields ("every stack needs a budget"). */
    readonly whenMissing?: string;
}): Schema<InferFields<F>> {
    const names = Object.keys(fields);
    const required = names.filter((n) => fields[n].fallback === undefined && !fields[n].optional);
    const schema: Schema<InferFields<F>> = {
        kind: "object",
        expects: opts?.message ?? `a map of ${names.join(", ")}`,
        read(v, path, issues) {
            if (typeof v !== "object" || v === null || Array.isArray(v)) {
                issues.add(path, `${show(v)} is not a map; it must be ${schema.expects} (a YAML map in Pulumi.<stack>.yaml).`);
                return INVALID;
            }
            return readFields(fields, v as Record<string, unknown>, (key) => `${path}.${key}`, issues, `is not a setting of ${path.replace(/^config /, "")}`);
        },
    };
    if (opts?.default !== undefined) return { ...schema, fallback: { value: opts.default } };
    if (required.length === 0) {
        // Every field has a default: an absent object is all defaults.
        const value = Object.fromEntries(names.flatMap((n) => (fields[n].fallback ? [[n, fields[n].fallback!.value]] : []))) as InferFields<F>;
        return { ...schema, fallback: { value } };
    }
    return opts?.whenMissing ? { ...schema, missing: opts.whenMissing } : schema;
}

/** Reads declared fields of `raw`, reporting unknown and prototype keys. */
export function readFields<F extends Fields>(
    fields: F,
    raw: Readonly<Record<string, unknown>>,
    at: (key: string) => string,
    issues: IssueList,
    unknownText: string,
): Read<InferFields<F>> {
    const { value, ok } = readFieldsPartial(fields, raw, at, issues, unknownText);
    return ok ? (value as InferFields<F>) : INVALID;
}

/** Like readFields, but keeps the fields that did read, so later checks can still look at them. */
export function readFieldsPartial<F extends Fields>(
    fields: F,
    raw: Readonly<Record<string, unknown>>,
    at: (key: string) => string,
    issues: IssueList,
    unknownText: string,
): { readonly value: Partial<InferFields<F>>; readonly ok: boolean } {
    const names = Object.keys(fields);
    const known = names.filter((n) => !fields[n].removed);
    let ok = true;
    for (const key of Object.keys(raw)) {
        if (refusePrototypeKey(key, at(key), issues)) { ok = false; continue; }
        if (Object.prototype.hasOwnProperty.call(fields, key)) continue;
        const near = closest(key, known);
        issues.add(at(key), `${unknownText}; ${near ? `did you mean ${show(near)}? ` : ""}known: ${known.join(", ")}.`);
        ok = false;
    }
    const out: Record<string, unknown> = {};
    for (const name of names) {
        const field = fields[name];
        const value = Object.prototype.hasOwnProperty.call(raw, name) ? raw[name] : undefined;
        const r = readField(field, value, at(name), issues);
        if (r === INVALID) ok = false;
        else if (r !== undefined) out[name] = r;
    }
    return { value: out as Partial<InferFields<F>>, ok };
}

/** Reads one field: absent takes the default (or is optional, or missing), present is checked. */
export function readField<T>(field: Schema<T>, value: unknown, path: string, issues: IssueList): Read<T> {
    if (value === undefined || value === null) {
        if (field.fallback) return field.fallback.value;
        if (field.optional) return undefined as T;
        issues.add(path, `is missing; ${field.missing ?? `set it to ${field.expects}`}.`);
        return INVALID;
    }
    return field.read(value, path, issues);
}

/**
 * A map with keys of the caller's choosing (service names, ...). `key` checks each key; prototype
 * keys are refused.
 */
export function record<T>(value: Schema<T>, opts?: Common<Readonly<Record<string, T>>> & { readonly key?: { readonly pattern: RegExp; readonly what: string } }): Schema<Readonly<Record<string, T>>> {
    const what = opts?.message ?? `a map of name to ${value.expects}`;
    return withDefault({
        kind: "record",
        expects: what,
        read(v, path, issues) {
            if (typeof v !== "object" || v === null || Array.isArray(v)) {
                issues.add(path, `${show(v)} is not a map; it must be ${what}.`);
                return INVALID;
            }
            const out: Record<string, T> = {};
            let ok = true;
            for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
                if (refusePrototypeKey(k, `${path}.${k}`, issues)) { ok = false; continue; }
                if (opts?.key && !opts.key.pattern.test(k)) {
                    issues.add(`${path}.${k}`, `${show(k)} is not ${opts.key.what}.`);
                    ok = false;
                    continue;
                }
                const r = readField(value, e, `${path}.${k}`, issues);
                if (r === INVALID) ok = false;
                else out[k] = r;
            }
            return ok ? out : INVALID;
        },
    }, opts);
}

/**
 * Turns a top-level config value (the engine hands every value as a string; maps and lists as
 * JSON) into what the field's schema reads.
 */
export function fromConfigString(schema: Schema<unknown>, raw: string, path: string, issues: IssueList): unknown {
    switch (schema.kind) {
        case "object":
        case "record":
        case "list": {
            try {
                return JSON.parse(raw) as unknown;
            } catch {
                issues.add(path, `must be ${schema.kind === "list" ? "a list (a YAML sequence" : "a map (a YAML map"} in Pulumi.<stack>.yaml), got ${show(raw)}.`);
                return INVALID;
            }
        }
        case "number":
            return raw.trim() !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
        case "boolean":
            return raw === "true" ? true : raw === "false" ? false : raw;
        default:
            return raw;
    }
}

/**
 * The closest of `candidates` to `word` (case-insensitive edit distance), if close enough to be a
 * typo: at most 2 edits, or a third of the word for long keys.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) { best = c; bestDistance = d; }
    }
    const limit = Math.max(2, Math.floor(word.length / 3));
    return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance (insert, delete, substitute; a swap of neighbours counts as one edit). */
export function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
