import { panel } from 'core';

export const sidebar = panel('sidebar');
