const 名前 = require("quote\"name");
