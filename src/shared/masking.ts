// Masks applied to personal data in every response unless a permitted user reveals it
// with a stated purpose (DOMAIN.md §4). Pure, so the portal and workbench mask alike.

export type PersonalField = 'name' | 'phone' | 'email' | 'idNumber' | 'address';

export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 2));
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}

export function maskIdNumber(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****';
}

export function maskAddress(address: string): string {
  const chars = Array.from(address);
  return chars.length <= 6 ? '***' : `${chars.slice(0, 6).join('')}***`;
}

export function maskField(field: PersonalField, value: string | null): string | null {
  if (value == null) return null;
  switch (field) {
    case 'name': return maskName(value);
    case 'phone': return maskPhone(value);
    case 'email': return maskEmail(value);
    case 'idNumber': return maskIdNumber(value);
    case 'address': return maskAddress(value);
  }
}
