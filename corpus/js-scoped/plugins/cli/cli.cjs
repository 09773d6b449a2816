#!/usr/bin/env node
const { commands } = require('@acme/editor/commands');

console.log(commands.join('\n'));
