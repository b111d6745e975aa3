import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { basemapStyle } from '../../contract/basemap-style.ts';
import { styleRoutes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { tilesRepository } from '../../tiles/repository.ts';
import { bounds, center, origin } from '../../tiles/tile-sets.ts';
import { fontFile, publishedFontFaces } from './fonts.ts';

/** How long a font file may be kept: its name changes only with the font package. */
const FONT_MAX_AGE_S = 7 * 24 * 3600;

/** A font file's bytes; they are already compressed, and the same for every caller. */
async function sendFont(reply: FastifyReply, path: string): Promise<FastifyReply> {
  return reply
    .type('font/woff2')
    .header('cache-control', `public, max-age=${FONT_MAX_AGE_S}`)
    .send(await readFile(path));
}

/**
 * The published MapLibre styles (`/styles/light.json`, `/styles/dark.json`) and the font files
 * their labels are drawn with. A style names every source on the host the caller used, and
 * opens on the 片区 extent read from the database.
 */
export const stylesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tiles = tilesRepository(app.db);
  app.route({
    ...routeOptions(app, styleRoutes.style),
    handler: async (request) => {
      const base = origin(request);
      const [lon, lat, zoom] = center(bounds(await tiles.tileSet(['pianqu'])));
      return basemapStyle({
        origin: base,
        fontFaces: publishedFontFaces(base),
        theme: request.params.theme,
        published: { center: [lon, lat], zoom },
      });
    },
  });
  app.route({
    ...routeOptions(app, styleRoutes.font),
    handler: async (request, reply) => {
      const path = fontFile(request.params.file);
      if (!path) throw app.httpErrors.notFound(`No font file ${request.params.file}.`);
      return sendFont(reply, path);
    },
  });
};
