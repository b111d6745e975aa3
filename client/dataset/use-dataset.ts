import { createContext, useContext } from 'react';
import type { Dataset } from '../../server/contract/index.ts';
import type { DatasetFrame } from './frame.ts';

/** The loaded data set and its frame; DatasetGate provides them before any mode renders. */
export interface DatasetValue {
  dataset: Dataset;
  frame: DatasetFrame;
  /** A 镇街's name by its code (the code itself when the data set does not name it). */
  streetName: (code: string) => string;
}

export const DatasetContext = createContext<DatasetValue | null>(null);

/** The data set's description; only under DatasetGate. */
export function useDataset(): DatasetValue {
  const value = useContext(DatasetContext);
  if (!value) throw new Error('useDataset needs a DatasetGate above it');
  return value;
}
