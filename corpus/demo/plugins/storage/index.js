import { events } from 'core';
import { currentToken } from 'auth';

const secrets = new Map();

export const saveSecret = async (key, value) => {
  secrets.set(`${currentToken()}/${key}`, value);
  events.emit({ type: 'storage.saved', key });
};

export const readSecret = (key) => secrets.get(key);
