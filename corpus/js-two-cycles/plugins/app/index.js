import keymap from 'keymap';

keymap.bind('ctrl+s', 'app.save');
