import { c } from 'c';
