/**
 * Backup-power design for SOT-punkter: device library, load inventory, genset sizing, fuel and
 * autonomy, container choice and the Swedish kravspecifikation. Everything here is pure and
 * browser-safe (zod only); the PDF renderer lives in ./kravspecifikation-pdf.js (Node, pdfkit).
 * Formulas and sources: docs/power-design.md.
 */
export * from './design.js';
export * from './devices.js';
export * from './examples.js';
export * from './format.js';
export * from './fuel.js';
export * from './kravspecifikation.js';
export * from './load.js';
export * from './sizing.js';
export * from './spec-document.js';
