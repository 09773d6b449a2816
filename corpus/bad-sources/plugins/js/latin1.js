// café
const s = 'ÿþ';
require('lib');
