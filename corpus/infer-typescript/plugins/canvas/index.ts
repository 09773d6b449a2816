export class Canvas {}
