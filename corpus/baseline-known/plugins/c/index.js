import { a } from 'a';
