#!/usr/bin/env node
// Launcher: lets `varv` run the TypeScript entry on plain Node 20 (tsx compiles on load).
import { register } from 'tsx/esm/api';

register();
await import('./varv.ts');
