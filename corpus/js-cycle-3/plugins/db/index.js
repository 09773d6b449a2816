exports.insert = (table, row) => [table, row];
