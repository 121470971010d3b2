// What a policy could not check because a value is unknown at preview.
//
// CrossGuard's own answer to an unknown value is an `UnknownValueError`, which the policy server
// turns into an *advisory* diagnostic ("can't run policy ... during preview: <message>") whatever
// the policy's enforcement level. We reuse exactly that channel: a policy first reports every
// violation it can prove, then `finish()` throws one UnknownValueError whose message lists what
// was skipped. So an unknown never passes silently, never blocks a preview, and the same check
// runs for real at `pulumi up`, when the engine knows the value.

import * as policy from "@pulumi/policy";
import { UNKNOWN_SENTINELS } from "./props";

/** The runtime shape of @pulumi/policy's UnknownValueError (its .d.ts does not declare it). */
type UnknownValueErrorClass = new (unknownTypeSentinel: string, props: string[]) => Error;

function unknownValueErrorClass(): UnknownValueErrorClass | undefined {
    const runtime = policy as unknown as { UnknownValueError?: UnknownValueErrorClass };
    return typeof runtime.UnknownValueError === "function" ? runtime.UnknownValueError : undefined;
}

/** Builds the error the policy server reports as an advisory "can't run during preview" diagnostic. */
export function previewSkipError(message: string): Error {
    const ErrorClass = unknownValueErrorClass();
    if (!ErrorClass) {
        // Without the class the server would not recognise the skip; fail loudly rather than pass.
        return new Error(`Policy check skipped at preview: ${message}`);
    }
    const error = new ErrorClass(UNKNOWN_SENTINELS.string, []);
    error.message = message;
    return error;
}

/** Collects skipped checks during one validation and raises them together at the end. */
export class PreviewSkips {
    private readonly notes: string[] = [];

    /** Records a whole sentence saying what could not be checked and why. */
    add(note: string): void {
        if (!this.notes.includes(note)) {
            this.notes.push(note);
        }
    }

    get count(): number {
        return this.notes.length;
    }

    /** Throws the advisory skip when anything was skipped; call it last. */
    finish(): void {
        if (this.notes.length > 0) {
            throw previewSkipError(
                `${this.notes.join(" ")} These checks run again at update, when the values are known.`,
            );
        }
    }
}
