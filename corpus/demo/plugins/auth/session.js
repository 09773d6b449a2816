import { readSecret } from 'storage';

export class Session {
  static current = null;

  constructor(user) {
    this.token = readSecret('token') ?? `${user}:${Date.now()}`;
    Session.current = this;
  }
}
