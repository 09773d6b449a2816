export const log = (msg) => console.log(msg);
