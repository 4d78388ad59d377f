// The check character of a mainland ID number (GB 11643, ISO 7064 MOD 11-2), checked in the form as the
// intake checks it, so that a mistyped number is caught where it was typed.
const ID_NUMBER = /^\d{17}[\dX]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function idNumberValid(value: string): boolean {
  const id = value.trim().toUpperCase();
  if (!ID_NUMBER.test(id)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}
