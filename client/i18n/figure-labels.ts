import { figureDefinition } from '../../server/contract/figure-definitions.ts';

// A figure's labels come from its one definition, so the panel, compare, the screen and the
// CSV export name it alike.

/** The Chinese label of a figure (`figureDefinition(key).zh`). */
export const zhOf = (key: string) => figureDefinition(key).zh;
/** The English label of a figure. */
export const enOf = (key: string) => figureDefinition(key).en;
