import { render } from '@testing-library/react';
