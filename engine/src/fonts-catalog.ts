export const DEFAULT_FAMILY = 'Inter';
