import { sidebar } from 'left';
import { inspector } from 'right';

export const layout = [sidebar, inspector];
