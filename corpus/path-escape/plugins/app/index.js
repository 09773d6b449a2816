import { SENTINEL_B } from 'a';
import 'b/host';
import 'b/up';
import { SENTINEL_B as again } from 'b/into-a';
