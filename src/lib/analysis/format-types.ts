/** Is a higher value better or worse (or neither) for an indicator. */
export type Direction = 'higher-worse' | 'higher-better' | 'neutral';
