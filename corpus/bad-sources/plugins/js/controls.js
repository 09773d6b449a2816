[2J
require('lib');
