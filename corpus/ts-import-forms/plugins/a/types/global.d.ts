/// <reference types="plugin-f" />
/// <reference path="fmt.d.ts" />
import { F } from 'plugin-f';

declare global {
  interface Window {
    f: F;
  }
}
