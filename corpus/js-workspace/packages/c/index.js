exports.fixture = { id: 'c' };
