import { A } from 'plugin-a';

declare global {
  var lastA: A | undefined;
}
