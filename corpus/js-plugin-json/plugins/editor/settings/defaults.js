export default { fontSize: 14, wordWrap: false };
