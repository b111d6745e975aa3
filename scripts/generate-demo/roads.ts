import type { Position } from 'geojson';

/** A main road of the basemap, illustrative: its course is approximate. */
export interface Road {
  name: string;
  class: 'main' | 'secondary';
  /** WGS84 polyline, or 'coast' for a road that follows the shore a little inland. */
  course: Position[] | 'coast';
}

/** The coast road runs this far inland of the reference coast. */
export const COAST_ROAD_INLAND_M = 260;
/** …along the north shore between these longitudes. */
export const COAST_ROAD_LON: [number, number] = [121.955, 122.095];

export const ROADS: Road[] = [
  {
    // 文化西路 passes 山大 and 哈工大 on its way east, at about 37.523-37.530.
    name: '文化西路',
    class: 'main',
    course: [
      [122.012, 37.5205],
      [122.025, 37.5216],
      [122.0385, 37.5225],
      [122.04685, 37.52311],
      [122.0555, 37.5243],
      [122.0622, 37.5262],
      [122.07, 37.529],
      [122.0784, 37.5315],
      [122.09, 37.5322],
      [122.105, 37.5315],
    ],
  },
  {
    // 世昌大道 runs east-west at about 37.50, past 欧乐坊 and just north of 威海北站.
    name: '世昌大道',
    class: 'main',
    course: [
      [121.998, 37.4963],
      [122.015, 37.4984],
      [122.035, 37.5003],
      [122.05, 37.5017],
      [122.0687, 37.503],
      [122.085, 37.5037],
      [122.105, 37.504],
      [122.122, 37.503],
    ],
  },
  { name: '环海路', class: 'main', course: 'coast' },
  {
    name: '火炬路',
    class: 'main',
    course: [
      [122.047, 37.4835],
      [122.0475, 37.495],
      [122.048, 37.5085],
      [122.0485, 37.5228],
    ],
  },
  {
    name: '火炬八街',
    class: 'secondary',
    course: [
      [122.0256, 37.5212],
      [122.02576, 37.5236],
      [122.0259, 37.5262],
    ],
  },
  {
    name: '科技路',
    class: 'secondary',
    course: [
      [122.073, 37.4865],
      [122.074, 37.5],
      [122.0745, 37.515],
      [122.075, 37.5305],
    ],
  },
  {
    name: '初张路',
    class: 'secondary',
    course: [
      [121.985, 37.4],
      [121.99, 37.43],
      [121.995, 37.46],
      [122.0, 37.484],
      [121.998, 37.4963],
    ],
  },
];
