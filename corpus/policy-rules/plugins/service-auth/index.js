import { Panel } from 'ui-panel';
