// For pages with the snippet: `window.tenpoint(…)` typed. Add
// `/// <reference types="@tenpoint/widget/global" />` to a .d.ts file of your app, or
// `"types": ["@tenpoint/widget/global"]` to its tsconfig.json.
import type { TenpointCommand } from './types.js';

declare global {
  interface Window {
    tenpoint: TenpointCommand;
  }
  var tenpoint: TenpointCommand;
}
