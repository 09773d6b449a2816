import { chargeFor } from 'billing';

export function login(user) {
  return chargeFor(user, 'login');
}
