import { figureDefinition, type FigureKey } from '../../server/contract/figure-definitions.ts';

// For messages that splice a figure's label into a sentence (the big screen's); a plain label
// is `Translator.figure(key)`.

/** The Chinese label of a figure (`figureDefinition(key).zh`). */
export const zhOf = (key: FigureKey) => figureDefinition(key).zh;
/** The English label of a figure. */
export const enOf = (key: FigureKey) => figureDefinition(key).en;
