import { bus } from 'plugin-b';

export const ready = () => bus.emit('a:ready');
