import { login } from 'service-auth';
import { query } from 'core-db';
