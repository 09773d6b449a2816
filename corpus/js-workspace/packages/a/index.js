import { greet } from '@ws/b';

export const hello = () => greet('a');
