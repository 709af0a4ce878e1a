// Types of validate.js for the Node tests (the browser loads the .js directly).

export type CreditCodeProblem =
  | { problem: 'length' | 'charset' | 'category' | 'division' }
  | { problem: 'check'; expected: string | undefined };

export function normalizeCreditCode(code: string): string;
export function creditCodeCheckCharacter(first17: string): string | undefined;
export function creditCodeProblem(code: string): CreditCodeProblem | null;
export function isValidCreditCode(code: string): boolean;
export function normalizePlate(input: string): string;
export function parsePlate(
  input: string,
): { ok: true; plate: string; kind: 'standard' | 'new_energy' | 'trailer' } | { ok: false };
export function parseTonsToKg(input: string | number): number | undefined;
export function normalizeMobile(input: string): string | undefined;
export function isValidUsername(input: string): boolean;
export function normalizeLicenceNumber(input: string): string | undefined;
