import { Options, make, Inlined, ambient } from 'types-lib';
