// Lets Node run the TypeScript sources directly: an import of './x.js' that does not exist is
// resolved to './x.ts' (src/ uses `.js` specifiers, as the bundler and TypeScript expect).
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        try {
          return await next(specifier, context);
        } catch (error) {
          if (error?.code === 'ERR_MODULE_NOT_FOUND' && /^\\.{1,2}\\/.*\\.js$/.test(specifier)) {
            return next(specifier.slice(0, -3) + '.ts', context);
          }
          throw error;
        }
      }
    `),
);
