const db = require('db');

exports.record = (user, what) => db.insert('events', { user, what });
