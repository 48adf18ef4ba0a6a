#!/usr/bin/env node
// A bin rather than a package script, so that `pnpm tenpoint … --json` prints nothing but the JSON.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/tenpoint.ts');
