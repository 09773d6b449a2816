export const Button = 'button';
export const Slider = 'slider';
