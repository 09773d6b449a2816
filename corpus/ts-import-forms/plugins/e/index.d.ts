export interface E {
  id: string;
}

export interface E2 {
  label: string;
}

export type E3 = string;
