import x from 'back\\slash';
