import { registerCommand } from 'core';
import { saveSecret } from 'storage';
import { Session } from './session.js';

registerCommand('auth.signIn', async (user) => {
  const session = new Session(user);
  await saveSecret('token', session.token);
});

export const currentToken = () => Session.current?.token;
