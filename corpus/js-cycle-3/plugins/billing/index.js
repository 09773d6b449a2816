const crm = require('crm');

function chargeFor(user, what) {
  crm.record(user, what);
  return true;
}

module.exports = { chargeFor };
