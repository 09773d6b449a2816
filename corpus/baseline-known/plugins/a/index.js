import { b } from 'b';
