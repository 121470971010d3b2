"use strict";
// What a policy could not check because a value is unknown at preview.
//
// CrossGuard's own answer to an unknown value is an `UnknownValueError`, which the policy server
// turns into an *advisory* diagnostic ("can't run policy ... during preview: <message>") whatever
// the policy's enforcement level. We reuse exactly that channel: a policy first reports every
// violation it can prove, then `finish()` throws one UnknownValueError whose message lists what
// was skipped. So an unknown never passes silently, never blocks a preview, and the same check
// runs for real at `pulumi up`, when the engine knows the value.
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.PreviewSkips = void 0;
exports.previewSkipError = previewSkipError;
const policy = __importStar(require("@pulumi/policy"));
const props_1 = require("./props");
function unknownValueErrorClass() {
    const runtime = policy;
    return typeof runtime.UnknownValueError === "function" ? runtime.UnknownValueError : undefined;
}
/** Builds the error the policy server reports as an advisory "can't run during preview" diagnostic. */
function previewSkipError(message) {
    const ErrorClass = unknownValueErrorClass();
    if (!ErrorClass) {
        // Without the class the server would not recognise the skip; fail loudly rather than pass.
        return new Error(`Policy check skipped at preview: ${message}`);
    }
    const error = new ErrorClass(props_1.UNKNOWN_SENTINELS.string, []);
    error.message = message;
    return error;
}
/** Collects skipped checks during one validation and raises them together at the end. */
class PreviewSkips {
    notes = [];
    /** Records a whole sentence saying what could not be checked and why. */
    add(note) {
        if (!this.notes.includes(note)) {
            this.notes.push(note);
        }
    }
    get count() {
        return this.notes.length;
    }
    /** Throws the advisory skip when anything was skipped; call it last. */
    finish() {
        if (this.notes.length > 0) {
            throw previewSkipError(`${this.notes.join(" ")} These checks run again at update, when the values are known.`);
        }
    }
}
exports.PreviewSkips = PreviewSkips;
