const path = require('path');

exports.panelDir = path.join(__dirname, 'panels');
