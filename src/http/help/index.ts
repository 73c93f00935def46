export { helpRoutes, type HelpRoutesOptions } from './routes';
