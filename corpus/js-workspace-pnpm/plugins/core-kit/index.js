export const theme = { accent: '#0af' };
