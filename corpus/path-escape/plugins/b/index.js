export const SENTINEL_B = 'only b exports this';
