import React from 'react';
import Toolbar from 'plugin-b/ui/toolbar';
import { Icon } from '@acme/plugin-c/icons';

export function View() {
  return <Toolbar icon={<Icon name="a" />} />;
}
