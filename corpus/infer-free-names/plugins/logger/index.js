export const Logger = {
  info(message) {
    return message;
  },
};
