/**
 * The overlay routes answer GeoJSON FeatureCollections (RFC 7946, for GIS tools); the deck.gl
 * layers draw their features' properties. One array per collection, kept while the collection
 * lives, so a re-render hands deck.gl the same data and it uploads nothing again.
 */
const cache = new WeakMap<object, readonly unknown[]>();

/** The properties of every feature of a collection, in order (the same array on every call). */
export function featureProperties<P>(collection: {
  features: readonly { properties: P }[];
}): readonly P[] {
  let properties = cache.get(collection) as readonly P[] | undefined;
  if (!properties) {
    properties = collection.features.map((f) => f.properties);
    cache.set(collection, properties);
  }
  return properties;
}
