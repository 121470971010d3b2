"use strict";
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
exports.parseMemoryGib = exports.parseCpu = exports.prices = exports.classify = exports.CLOUD_PROVIDERS = exports.FREE_TYPES = exports.unverifiedShare = exports.sortLines = exports.formatCostTable = exports.sqlTierShape = exports.isRequestBased = exports.PRICED_TYPE_TOKENS = exports.PRICED_TYPES = exports.DEFAULT_COST_OPTIONS = exports.estimateMonthlyCost = void 0;
// The cost model's public surface, for the budget policy and the program's `npm run cost` script.
var model_1 = require("./model");
Object.defineProperty(exports, "estimateMonthlyCost", { enumerable: true, get: function () { return model_1.estimateMonthlyCost; } });
Object.defineProperty(exports, "DEFAULT_COST_OPTIONS", { enumerable: true, get: function () { return model_1.DEFAULT_COST_OPTIONS; } });
Object.defineProperty(exports, "PRICED_TYPES", { enumerable: true, get: function () { return model_1.PRICED_TYPES; } });
Object.defineProperty(exports, "PRICED_TYPE_TOKENS", { enumerable: true, get: function () { return model_1.PRICED_TYPE_TOKENS; } });
Object.defineProperty(exports, "isRequestBased", { enumerable: true, get: function () { return model_1.isRequestBased; } });
Object.defineProperty(exports, "sqlTierShape", { enumerable: true, get: function () { return model_1.sqlTierShape; } });
var format_1 = require("./format");
Object.defineProperty(exports, "formatCostTable", { enumerable: true, get: function () { return format_1.formatCostTable; } });
Object.defineProperty(exports, "sortLines", { enumerable: true, get: function () { return format_1.sortLines; } });
Object.defineProperty(exports, "unverifiedShare", { enumerable: true, get: function () { return format_1.unverifiedShare; } });
var free_1 = require("./free");
Object.defineProperty(exports, "FREE_TYPES", { enumerable: true, get: function () { return free_1.FREE_TYPES; } });
Object.defineProperty(exports, "CLOUD_PROVIDERS", { enumerable: true, get: function () { return free_1.CLOUD_PROVIDERS; } });
Object.defineProperty(exports, "classify", { enumerable: true, get: function () { return free_1.classify; } });
exports.prices = __importStar(require("./prices"));
var units_1 = require("./units");
Object.defineProperty(exports, "parseCpu", { enumerable: true, get: function () { return units_1.parseCpu; } });
Object.defineProperty(exports, "parseMemoryGib", { enumerable: true, get: function () { return units_1.parseMemoryGib; } });
