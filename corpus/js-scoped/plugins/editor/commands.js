export const commands = ['open', 'save'];
